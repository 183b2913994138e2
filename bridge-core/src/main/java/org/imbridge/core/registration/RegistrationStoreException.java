package org.imbridge.core.registration;

/**
 * The registration store could not do what was asked: the database failed, or the store cannot be
 * opened (schema, encryption key). Messages never contain passwords or keys.
 */
public class RegistrationStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     */
    public RegistrationStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying failure
     */
    public RegistrationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
