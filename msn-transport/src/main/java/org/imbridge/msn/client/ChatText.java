package org.imbridge.msn.client;

import java.util.ArrayList;
import java.util.List;

import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.TextSplitter;

/** Turns chat text into as many {@code text/plain} MSG payloads as needed, each within the 1664-byte limit. */
final class ChatText {

    private static final TextSplitter SPLITTER = TextSplitter.forSwitchboard();

    private ChatText() {
    }

    /** The payloads in order; their bodies concatenate to {@code text}. */
    static List<MimeMessage> messages(String text) {
        List<MimeMessage> parts = new ArrayList<>();
        for (String piece : SPLITTER.split(text)) {
            parts.add(MimeMessage.text(piece));
        }
        return parts;
    }
}
