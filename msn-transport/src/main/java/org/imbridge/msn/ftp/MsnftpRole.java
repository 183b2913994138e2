package org.imbridge.msn.ftp;

/** Which end of an MSNFTP connection a codec serves; only the receiver ever reads data blocks. */
public enum MsnftpRole {
    /** Serves the file: reads lines only. */
    SENDER,
    /** Fetches the file: reads lines up to and including {@code FIL}, then data blocks. */
    RECEIVER
}
