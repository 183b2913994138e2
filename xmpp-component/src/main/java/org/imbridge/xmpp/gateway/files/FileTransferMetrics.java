package org.imbridge.xmpp.gateway.files;

import org.imbridge.core.files.TransferFailure;

/** What the gateway reports about file transfers (counted by the transport's metrics). */
public interface FileTransferMetrics {

    /** Which way a file goes. */
    enum Direction { TO_USER, TO_CONTACT }

    /** A transfer began (the offer was accepted, or the file is being fetched). */
    void started(Direction direction);

    /** A started transfer ended; {@code failure} null for success, with the bytes moved. */
    void ended(Direction direction, TransferFailure.Reason failure, long bytes);

    /** A transfer was refused before it started (declined offer, too large, too many). */
    void refused(Direction direction, TransferFailure.Reason why);

    FileTransferMetrics NONE = new FileTransferMetrics() {
        @Override
        public void started(Direction direction) {
        }

        @Override
        public void ended(Direction direction, TransferFailure.Reason failure, long bytes) {
        }

        @Override
        public void refused(Direction direction, TransferFailure.Reason why) {
        }
    };
}
