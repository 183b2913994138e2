package org.imbridge.msn.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * Numeric error replies ({@code NNN TrID}, docs/msnp.md §2.5) with their meanings. Codes the reference
 * does not define map to {@link #UNKNOWN}; the numeric code is always kept by the caller.
 */
public enum MsnpError {
    SYNTAX_ERROR(200, "Syntax error"),
    INVALID_PARAMETER(201, "Invalid parameter"),
    INVALID_USER(205, "Invalid user"),
    FQDN_MISSING(206, "Domain name missing"),
    ALREADY_LOGGED_IN(207, "Already logged in"),
    INVALID_USERNAME(208, "Invalid username"),
    INVALID_FRIENDLY_NAME(209, "Invalid friendly name"),
    LIST_FULL(210, "List full"),
    ALREADY_THERE(215, "Already on the list or in the session"),
    NOT_ON_LIST(216, "Not on the list"),
    NOT_ONLINE(217, "User not online"),
    ALREADY_IN_MODE(218, "Already in that mode"),
    ALREADY_IN_OPPOSITE_LIST(219, "Already in the opposite list"),
    TOO_MANY_GROUPS(223, "Too many groups"),
    INVALID_GROUP(224, "Invalid group"),
    NOT_IN_GROUP(225, "Not in that group"),
    GROUP_NAME_TOO_LONG(229, "Group name too long"),
    CANNOT_REMOVE_GROUP_ZERO(230, "Cannot remove group 0"),
    INVALID_GROUP_FOR_CONTACT(231, "Invalid group"),
    SWITCHBOARD_FAILED(280, "Switchboard failed"),
    TRANSFER_TO_SWITCHBOARD_FAILED(281, "Transfer to switchboard failed"),
    BAD_P2P_DATA(282, "Bad P2P data message"),
    REQUIRED_FIELD_MISSING(300, "Required field missing"),
    NOT_LOGGED_IN(302, "Not logged in"),
    INTERNAL_SERVER_ERROR(500, "Internal server error"),
    DATABASE_SERVER_ERROR(501, "Database server error"),
    COMMAND_DISABLED(502, "Command disabled"),
    FILE_OPERATION_FAILED(510, "File operation failed"),
    MEMORY_ALLOCATION_FAILED(520, "Memory allocation failed"),
    CHALLENGE_RESPONSE_FAILED(540, "Challenge response failed"),
    SERVER_BUSY(600, "Server busy"),
    SERVER_UNAVAILABLE(601, "Server unavailable"),
    PEER_NS_DOWN(602, "Peer notification server down"),
    DATABASE_CONNECT_FAILED(603, "Database connection failed"),
    SERVER_GOING_DOWN(604, "Server is going down"),
    SERVER_UNAVAILABLE_605(605, "Server unavailable"),
    CONNECTION_FAILED(707, "Could not create connection"),
    BAD_CVR_PARAMETERS(710, "Bad CVR parameters"),
    WRITE_BLOCKING(711, "Write is blocking"),
    SESSION_OVERLOAD(712, "Session overload"),
    TOO_ACTIVE(713, "Calling too rapidly"),
    TOO_MANY_SESSIONS(714, "Too many sessions"),
    NOT_EXPECTED(715, "Command not expected now"),
    BAD_FRIEND_FILE(717, "Bad friend file"),
    NOT_EXPECTED_CVR(731, "CVR not expected now"),
    TOO_RAPID(800, "Requests too rapid"),
    SERVER_TOO_BUSY_910(910, "Server too busy"),
    AUTHENTICATION_FAILED(911, "Authentication failed"),
    SERVER_TOO_BUSY_912(912, "Server too busy"),
    NOT_ALLOWED_WHEN_OFFLINE(913, "Not allowed when offline"),
    SERVER_UNAVAILABLE_914(914, "Server unavailable"),
    SERVER_UNAVAILABLE_915(915, "Server unavailable"),
    SERVER_UNAVAILABLE_916(916, "Server unavailable"),
    SERVER_UNAVAILABLE_917(917, "Server unavailable"),
    SERVER_TOO_BUSY_918(918, "Server too busy"),
    SERVER_TOO_BUSY_919(919, "Server too busy"),
    NOT_ACCEPTING_NEW_USERS(920, "Not accepting new users"),
    SERVER_TOO_BUSY_921(921, "Server too busy"),
    SERVER_TOO_BUSY_922(922, "Server too busy"),
    NO_PARENT_CONSENT(923, "Kids Passport without parental consent"),
    PASSPORT_NOT_VERIFIED(924, "Passport account not yet verified"),
    UNKNOWN(0, "Unknown error");

    private static final Map<Integer, MsnpError> BY_CODE = new HashMap<>();

    static {
        for (MsnpError e : values()) {
            BY_CODE.put(e.code, e);
        }
    }

    private final int code;
    private final String meaning;

    MsnpError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The wire name of this error, e.g. {@code "911"}. */
    public String wireName() {
        return String.valueOf(code);
    }

    public static MsnpError fromCode(int code) {
        return BY_CODE.getOrDefault(code, UNKNOWN);
    }

    /** "911 Authentication failed", for logs and user-facing texts. */
    public static String describe(int code) {
        MsnpError e = fromCode(code);
        return e == UNKNOWN ? code + " (undocumented error)" : code + " " + e.meaning;
    }
}
