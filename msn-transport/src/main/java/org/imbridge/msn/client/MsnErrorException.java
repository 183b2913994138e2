package org.imbridge.msn.client;

import org.imbridge.msn.protocol.MsnpError;

/** The server answered a request with a numeric error reply such as {@code 911 7} (docs/msnp.md §2.5). */
public final class MsnErrorException extends MsnException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String request;

    /**
     * @param code    the three-digit error code
     * @param request the command that failed, e.g. {@code ADD}
     */
    public MsnErrorException(int code, String request) {
        super(request + " failed: " + MsnpError.describe(code));
        this.code = code;
        this.request = request;
    }

    /** The numeric code, also for codes {@link MsnpError} does not know. */
    public int code() {
        return code;
    }

    /** The meaning of {@link #code()}; {@link MsnpError#UNKNOWN} for undocumented codes. */
    public MsnpError error() {
        return MsnpError.fromCode(code);
    }

    /** The name of the command the server refused. */
    public String request() {
        return request;
    }
}
