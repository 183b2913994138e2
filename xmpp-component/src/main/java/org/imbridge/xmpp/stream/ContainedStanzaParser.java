package org.imbridge.xmpp.stream;

import java.util.Objects;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Parses one framed element into a Smack stanza and turns anything the parser throws, {@code Error}s
 * such as {@code StackOverflowError} included, into a {@link Failed} result for that element alone:
 * parsing runs on the stream's I/O thread, which must never die of one stanza.
 */
final class ContainedStanzaParser {

    /** Parses the XML of one element; {@link StanzaCodec#parse} in production. */
    @FunctionalInterface
    interface Parser {
        Stanza parse(String xml) throws Exception;
    }

    /** What came of parsing one element. */
    sealed interface Result {
    }

    /** @param stanza the parsed stanza */
    record Parsed(Stanza stanza) implements Result {
    }

    /**
     * @param condition the error condition to answer the sender with
     * @param reason    a short description for the log, without stanza content
     */
    record Failed(StanzaError.Condition condition, String reason) implements Result {
    }

    private static final int MAX_REASON_CHARS = 160;

    private final Parser parser;

    ContainedStanzaParser(Parser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * @param xml a framed top-level element
     * @return the stanza, or why it cannot be had; never throws
     */
    Result parse(String xml) {
        try {
            return new Parsed(Objects.requireNonNull(parser.parse(xml), "the parser returned no stanza"));
        } catch (Throwable t) {
            StanzaError.Condition condition = hasInvalidJid(t)
                    ? StanzaError.Condition.jid_malformed : StanzaError.Condition.bad_request;
            return new Failed(condition, describe(t));
        }
    }

    private static boolean hasInvalidJid(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof XmppStringprepException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's type and the first line of its message, shortened: it may quote the input. */
    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        int lineEnd = message.indexOf('\n');
        message = message.substring(0, lineEnd < 0 ? message.length() : lineEnd);
        if (message.length() > MAX_REASON_CHARS) {
            message = message.substring(0, MAX_REASON_CHARS) + "…";
        }
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
