package org.imbridge.msn.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The two MD5 computations of MSNP7: the login response and the CHL/QRY challenge answer. */
public final class MsnpHashes {

    /** The key MSNP6–MSNP10 clients append to a challenge (docs/msnp.md §6.1). */
    public static final String CHALLENGE_KEY = "Q1P7W2E4J9R8U3S5";
    /** The client id sent in QRY with {@link #CHALLENGE_KEY}. */
    public static final String CHALLENGE_CLIENT_ID = "msmsgs@msnmsgr.com";

    private MsnpHashes() {
    }

    /** {@code USR MD5 S} response: lower-case hex md5(salt + password). */
    public static String loginResponse(String salt, String password) {
        return md5Hex(salt + password);
    }

    /** {@code QRY} payload: lower-case hex md5(challenge + key). */
    public static String challengeResponse(String challenge) {
        return md5Hex(challenge + CHALLENGE_KEY);
    }

    public static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }
}
