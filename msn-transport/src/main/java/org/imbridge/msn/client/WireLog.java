package org.imbridge.msn.client;

import java.util.ArrayList;
import java.util.List;

import org.imbridge.msn.protocol.MsnpCommand;

/**
 * Renders commands for logs with their secrets shortened: switchboard cookies (after {@code CKI}, in
 * SB {@code USR} and {@code ANS}) and the MD5 login response. Payloads are never shown.
 */
final class WireLog {

    private WireLog() {
    }

    static String describe(MsnpCommand cmd) {
        List<String> params = new ArrayList<>(cmd.params());
        for (int i = 0; i < params.size(); i++) {
            if (i > 0 && "CKI".equals(params.get(i - 1))) {
                params.set(i, shorten(params.get(i)));
            }
        }
        switch (cmd.name()) {
            case "USR" -> {
                if (params.size() >= 4 && "MD5".equals(params.get(1)) && "S".equals(params.get(2))) {
                    params.set(3, shorten(params.get(3)));
                } else if (params.size() == 3 && !"OK".equals(params.get(1))) {
                    params.set(2, shorten(params.get(2)));
                }
            }
            case "ANS" -> {
                if (params.size() >= 4) {
                    params.set(2, shorten(params.get(2)));
                }
            }
            default -> {
            }
        }
        StringBuilder sb = new StringBuilder(cmd.name());
        for (String p : params) {
            sb.append(' ').append(p);
        }
        if (cmd.hasPayload()) {
            sb.append(' ').append(cmd.payloadLength()).append(" <payload>");
        }
        return sb.toString();
    }

    /** The first four characters and the length: enough to correlate, useless to replay. */
    static String shorten(String secret) {
        return (secret.length() <= 4 ? "" : secret.substring(0, 4)) + "…(" + secret.length() + ")";
    }
}
