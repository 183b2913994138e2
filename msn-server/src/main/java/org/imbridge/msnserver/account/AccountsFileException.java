package org.imbridge.msnserver.account;

/** The accounts file cannot be read or breaks a rule; the message names the key and the place. */
public final class AccountsFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccountsFileException(String message) {
        super(message);
    }

    public AccountsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
