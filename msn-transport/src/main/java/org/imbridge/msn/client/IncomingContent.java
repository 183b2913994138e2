package org.imbridge.msn.client;

import org.imbridge.msn.protocol.MimeMessage;

/**
 * What a switchboard MSG is, by its content type (docs/msnp.md §8): chat text, typing, a nudge,
 * something we deliberately ignore, or something the transport cannot show, which the user is told
 * about. {@code kind} groups the unsupported ones for rate limiting ("a file (a.txt)" and
 * "a file (b.txt)" are one kind).
 */
record IncomingContent(Category category, String kind, String what) {

    /** INVITATION: a file-transfer invitation message (INVITE, ACCEPT or CANCEL) for the application to answer. */
    enum Category { TEXT, TYPING, NUDGE, IGNORED, UNSUPPORTED, INVITATION }

    static final String DATACAST = MimeMessage.DATACAST;
    static final String INVITE = "text/x-msmsgsinvite";
    static final int MAX_PHRASE = 120;
    /** The Application-GUID of MSNFTP file transfer (docs/msnp.md §18). */
    static final String FILE_TRANSFER_GUID = "{5D3E02AB-6190-11d3-BBBB-00C04F795683}";

    private static final IncomingContent TEXT = new IncomingContent(Category.TEXT, "text", null);
    private static final IncomingContent TYPING = new IncomingContent(Category.TYPING, "typing", null);
    private static final IncomingContent NUDGE = new IncomingContent(Category.NUDGE, "nudge", null);
    private static final IncomingContent FILE_INVITATION = new IncomingContent(Category.INVITATION, "file-invitation", null);

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
     * A file-transfer INVITE, and every ACCEPT and CANCEL that names no other application (they
     * usually carry no Application-GUID at all: the cookie ties them to their INVITE), go to the
     * application. Other applications' INVITEs are worth a word; their ACCEPT and CANCEL answer
     * invitations the user never saw through us and are ignored.
     */
    private static IncomingContent invitation(MimeMessage message) {
        String command = message.bodyField("Invitation-Command");
        String guid = message.bodyField("Application-GUID");
        boolean fileTransfer = guid != null && guid.trim().equalsIgnoreCase(FILE_TRANSFER_GUID);
        boolean invite = command == null || command.trim().equalsIgnoreCase("INVITE");
        if (fileTransfer || (!invite && (guid == null || guid.isBlank()))) {
            return FILE_INVITATION;
        }
        if (!invite) {
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
