package org.imbridge.msn.ftp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** What travels on an MSNFTP connection: command lines, and data blocks from the sender. */
public sealed interface MsnftpFrame {

    /** Longest data block: a 3-byte header and 2045 bytes make the protocol's 2048-byte packet. */
    int MAX_BLOCK = 2045;
    /** Longest line, CRLF included. */
    int MAX_LINE = 1024;

    /** A command line without its CRLF, e.g. {@code VER MSNFTP}. */
    record Line(String text) implements MsnftpFrame {
        public Line {
            Objects.requireNonNull(text, "text");
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a line cannot hold CR or LF");
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_LINE - 2) {
                throw new IllegalArgumentException("line longer than " + MAX_LINE + " bytes");
            }
        }

        /** The command: the text up to the first space. */
        public String command() {
            int space = text.indexOf(' ');
            return space < 0 ? text : text.substring(0, space);
        }

        /** The text after the command and its space, or empty. */
        public String argument() {
            int space = text.indexOf(' ');
            return space < 0 ? "" : text.substring(space + 1);
        }

        @Override
        public String toString() {
            // USR carries the auth cookie: never print it.
            return command().equals("USR") ? "Line[USR …]" : "Line[" + text + "]";
        }
    }

    /** File data, 0 to {@link #MAX_BLOCK} bytes; the array is not copied. */
    record DataBlock(byte[] data) implements MsnftpFrame {
        public DataBlock {
            if (data.length > MAX_BLOCK) {
                throw new IllegalArgumentException("block longer than " + MAX_BLOCK + " bytes: " + data.length);
            }
        }

        @Override
        public String toString() {
            return "DataBlock[" + data.length + " bytes]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DataBlock other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }
    }

    /** The sender's cancel header in place of a data block: bytes {@code 1 0 0}. */
    record CancelBlock() implements MsnftpFrame {
    }
}
