package org.imbridge.msnserver.switchboard;

import org.imbridge.msn.protocol.MimeMessage;

/**
 * The one look our switchboard takes inside a payload (docs/msnp.md §8.6, §15): a
 * {@code text/x-msnmsgr-datacast} without an {@code ID:} line is dropped, without ACK or NAK, as
 * third-party servers do, so that a client that sends such a datacast fails against us as it would
 * there. Everything else, chunked parts without a Content-Type included, is relayed byte for byte.
 */
final class DatacastRule {

    private DatacastRule() {
    }

    static boolean isDatacastWithoutId(byte[] payload) {
        MimeMessage message = MimeMessage.parse(payload);
        return message.contentType().equals(MimeMessage.DATACAST) && message.bodyField("ID") == null;
    }
}
