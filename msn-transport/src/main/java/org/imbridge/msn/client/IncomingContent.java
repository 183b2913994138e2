package org.imbridge.msn.client;

import org.imbridge.msn.protocol.MimeMessage;

/**
 * What a switchboard MSG is, by its content type (docs/msnp.md §8): chat text, typing, a nudge,
 * something we deliberately ignore, or something the transport cannot show, which the user is told
 * about. {@code kind} groups the unsupported ones for rate limiting ("a file (a.txt)" and
 * "a file (b.txt)" are one kind).
 */
record IncomingContent(Category category, String kind, String what) {

    enum Category { TEXT, TYPING, NUDGE, IGNORED, UNSUPPORTED }

    static final String DATACAST = MimeMessage.DATACAST;
    static final String INVITE = "text/x-msmsgsinvite";
    static final int MAX_PHRASE = 120;

    private static final IncomingContent TEXT = new IncomingContent(Category.TEXT, "text", null);
    private static final IncomingContent TYPING = new IncomingContent(Category.TYPING, "typing", null);
    private static final IncomingContent NUDGE = new IncomingContent(Category.NUDGE, "nudge", null);

    static IncomingContent of(MimeMessage message) {
        String type = message.contentType();
        return switch (type) {
            case "text/plain" -> TEXT;
            // A control message without TypingUser (e.g. RecordingUser of newer clients) says nothing to show.
            case MimeMessage.CONTROL -> message.header("TypingUser") != null ? TYPING : ignored(type);
            case DATACAST -> datacast(message);
            case INVITE -> invitation(message);
            // Custom emoticon declarations: the text that uses them follows and shows the shortcut itself.
            case "text/x-mms-emoticon", "text/x-mms-animemoticon" -> ignored(type);
            // Client capabilities and keep-alives are meant for the client, not for the user.
            case MimeMessage.CLIENT_CAPS, "text/x-keepalive" -> ignored(type);
            default -> unknown(type);
        };
    }

    /** Datacast IDs: 1 nudge, 2 wink, 3 voice clip, 4 action message. */
    private static IncomingContent datacast(MimeMessage message) {
        String id = message.bodyField("ID");
        if (id == null) {
            id = "";
        }
        return switch (id.trim()) {
            case "1" -> NUDGE;
            case "2" -> unsupported("wink", "a wink");
            case "3" -> unsupported("voice-clip", "a voice clip");
            case "4" -> unsupported("action", "an action message");
            default -> unsupported("datacast", "something this transport cannot show (" + DATACAST
                    + (id.isBlank() ? "" : " ID " + id.trim()) + ")");
        };
    }

    /**
     * Only an INVITE is worth a word: ACCEPT and CANCEL answer invitations, and the user never
     * accepted one through us (a CANCEL of an invitation they were told about adds nothing).
     */
    private static IncomingContent invitation(MimeMessage message) {
        String command = message.bodyField("Invitation-Command");
        if (command != null && !command.equalsIgnoreCase("INVITE")) {
            return ignored(INVITE);
        }
        String file = message.bodyField("Application-File");
        if (file != null && !file.isBlank()) {
            return unsupported("file", "a file (" + file + ")");
        }
        String app = message.bodyField("Application-Name");
        return unsupported("invitation", app == null || app.isBlank() ? "an invitation" : "an invitation to " + app);
    }

    private static IncomingContent unknown(String type) {
        return unsupported("type:" + type,
                "something this transport cannot show (" + (type.isEmpty() ? "no content type" : type) + ")");
    }

    private static IncomingContent unsupported(String kind, String what) {
        return new IncomingContent(Category.UNSUPPORTED, shorten(kind), shorten(what));
    }

    /** The sender chooses file names and content types: a notice stays one short line. */
    private static String shorten(String s) {
        return s.length() <= MAX_PHRASE ? s : s.substring(0, MAX_PHRASE - 1) + "…";
    }

    private static IncomingContent ignored(String type) {
        return new IncomingContent(Category.IGNORED, type, null);
    }
}
