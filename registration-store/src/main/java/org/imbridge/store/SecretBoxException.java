package org.imbridge.store;

/**
 * A secret could not be sealed or opened, or key material could not be loaded: wrong key, tampered
 * or malformed ciphertext, a key file that is missing, malformed or readable by others. Messages name
 * where the key came from but never contain key bytes, ciphertext or plaintext.
 */
public class SecretBoxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     */
    public SecretBoxException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying failure (never one that carries secret material)
     */
    public SecretBoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
