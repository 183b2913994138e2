package org.imbridge.msn.plugin.files;

import org.imbridge.core.files.TransferFailure;
import org.imbridge.core.files.TransferFailure.Reason;
import org.imbridge.msn.ftp.CancelCode;
import org.imbridge.msn.ftp.TransferFailedException;

/** Turns MSNFTP and invitation outcomes into {@link TransferFailure}s and cancel codes. */
final class TransferFailures {

    private TransferFailures() {
    }

    /** The user-facing failure for an MSNFTP connection that failed. */
    static TransferFailure of(TransferFailedException e) {
        Reason reason = switch (e.reason()) {
            case TIMEOUT -> Reason.TIMED_OUT;
            case CONNECTION_FAILED -> Reason.CONNECTION_FAILED;
            case CANCELLED_BY_PEER, CANCELLED -> Reason.CANCELLED;
            case PROTOCOL_ERROR, SIZE_MISMATCH, AUTH_FAILED -> Reason.PROTOCOL_ERROR;
            case IO_ERROR -> Reason.LOCAL_ERROR;
        };
        String text = switch (e.reason()) {
            case TIMEOUT -> "The file transfer timed out";
            case CONNECTION_FAILED -> "The file transfer connection could not be made or broke";
            case CANCELLED_BY_PEER -> "The contact cancelled the file transfer";
            case CANCELLED -> "The file transfer was cancelled";
            case PROTOCOL_ERROR, SIZE_MISMATCH, AUTH_FAILED -> "The contact's client broke the file transfer protocol";
            case IO_ERROR -> "The file could not be read or written on the transport";
        };
        return new TransferFailure(reason, text, e);
    }

    /**
     * The CANCEL we send the contact after our side failed, or {@code null} when the contact ended it
     * themselves and needs no word.
     */
    static CancelCode cancelCodeFor(TransferFailedException.Reason reason) {
        return switch (reason) {
            case CANCELLED_BY_PEER -> null;
            case TIMEOUT, CONNECTION_FAILED -> CancelCode.FTTIMEOUT;
            case CANCELLED -> CancelCode.OUTBANDCANCEL;
            case PROTOCOL_ERROR, SIZE_MISMATCH, AUTH_FAILED, IO_ERROR -> CancelCode.FAIL;
        };
    }

    /** The contact's CANCEL of an offer, in words. */
    static TransferFailure declined(String contact, CancelCode code, String codeText) {
        return switch (code) {
            case TIMEOUT -> new TransferFailure(Reason.TIMED_OUT, contact + " did not answer the file offer in time");
            case REJECT -> new TransferFailure(Reason.DECLINED, contact + " declined the file");
            case REJECT_NOT_INSTALLED -> new TransferFailure(Reason.UNSUPPORTED, contact + "'s client cannot receive files");
            case FTTIMEOUT -> new TransferFailure(Reason.TIMED_OUT, "The file transfer connection to " + contact + " timed out");
            case OUTBANDCANCEL -> new TransferFailure(Reason.CANCELLED, contact + " cancelled the file transfer");
            case FAIL -> new TransferFailure(Reason.DECLINED, contact + "'s client could not take the file");
            case OTHER -> new TransferFailure(Reason.DECLINED, contact + " declined the file ("
                    + shorten(codeText) + ")");
        };
    }

    /** The contact's CANCEL once the transfer had been agreed. */
    static TransferFailure cancelledBy(String contact) {
        return new TransferFailure(Reason.CANCELLED, contact + " cancelled the file transfer");
    }

    /** The contact's CANCEL of their own offer after the user accepted, before any data. */
    static TransferFailure withdrawn(String contact) {
        return new TransferFailure(Reason.DECLINED, contact + " took the file offer back");
    }

    static TransferFailure sessionEnded() {
        return new TransferFailure(Reason.CANCELLED, "the session ended");
    }

    private static String shorten(String s) {
        String t = s == null ? "" : s.replaceAll("\\p{Cntrl}", "");
        return t.length() <= 40 ? t : t.substring(0, 39) + "…";
    }

    /** The MSNFTP failure a transfer's stage ended with, or a connection failure around anything else. */
    static TransferFailedException unwrap(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof TransferFailedException f ? f
                : new TransferFailedException(TransferFailedException.Reason.CONNECTION_FAILED, String.valueOf(t), t);
    }
}
