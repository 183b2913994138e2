package org.imbridge.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets (legacy passwords) with AES-256-GCM for storage.
 *
 * <p>Sealed form: {@code "v1:" + base64(nonce || ciphertext || tag)} with a random 12-byte nonce per
 * value and a 128-bit tag. The version prefix lets a later format (or key rotation) coexist with this
 * one. Each value is bound to a <em>context</em> string (authenticated, not stored), so a sealed value
 * copied to another record does not open there; the store uses the user JID and network.
 *
 * <p>Opening with the wrong key, or a value that was altered, fails with a {@link SecretBoxException}
 * that says so and nothing more. Thread-safe. The key never leaves this object and is never printed.
 */
public final class SecretBox {

    /** AES-256 key length. */
    public static final int KEY_BYTES = 32;

    private static final String PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_PLAINTEXT_BYTES = 4096;
    private static final int MAX_SEALED_CHARS = PREFIX.length() + (NONCE_BYTES + MAX_PLAINTEXT_BYTES + 16) * 4 / 3 + 4;
    private static final byte[] AAD_LABEL = "imbridge-secretbox-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    /*
     * One Cipher per thread: Cipher.getInstance walks the providers, and a fresh cipher expands the key
     * again, at every login (the password is opened then). A cipher re-initialised with the same key
     * keeps its expanded key; a Cipher is not thread-safe, hence one per thread.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SecretBox::newCipher);

    /**
     * @param key the 32-byte AES key (copied; the caller may wipe its array afterwards)
     * @throws SecretBoxException when the key is not 32 bytes
     */
    public SecretBox(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new SecretBoxException("an AES-256 key is " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A box with a fresh random key that exists only in memory (tests, throwaway stores).
     *
     * @return the box
     */
    public static SecretBox withRandomKey() {
        byte[] key = newKey();
        try {
            return new SecretBox(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Decodes a base64 key, as held in a key file or an environment variable.
     *
     * @param base64Key the key, base64 of 32 bytes (surrounding white space is ignored)
     * @param source    where the key came from, for error messages (e.g. "environment variable X")
     * @return the box
     * @throws SecretBoxException when the text is not base64 of 32 bytes; the message names the source
     *                            only
     */
    public static SecretBox fromBase64(String base64Key, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Objects.requireNonNull(base64Key, "base64Key").strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message may quote the offending character; do not pass it on.
            throw new SecretBoxException(source + " does not hold a base64-encoded key");
        }
        try {
            if (key.length != KEY_BYTES) {
                throw new SecretBoxException(source + " holds a key of " + key.length + " bytes; an AES-256 key is "
                        + KEY_BYTES + " bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
            }
            return new SecretBox(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * 32 fresh random bytes from a {@link SecureRandom}.
     *
     * @return a new key
     */
    static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /**
     * Seals a secret.
     *
     * @param plaintext the secret (at most 4096 UTF-8 bytes)
     * @param context   what the secret belongs to; the same context is needed to open it
     * @return the sealed text, ASCII only
     */
    public String seal(String plaintext, String context) {
        byte[] input = Objects.requireNonNull(plaintext, "plaintext").getBytes(StandardCharsets.UTF_8);
        if (input.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("secret is longer than " + MAX_PLAINTEXT_BYTES + " bytes");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(input.length));
            out.put(nonce);
            cipher.doFinal(ByteBuffer.wrap(input), out);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("cannot encrypt: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    /**
     * Opens a sealed secret.
     *
     * @param sealed  the text {@link #seal} returned
     * @param context the context it was sealed with
     * @return the secret
     * @throws SecretBoxException when the format is unknown or malformed, or the key or context does not
     *                            match, or the value was altered
     */
    public String open(String sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        if (!sealed.startsWith(PREFIX)) {
            throw new SecretBoxException("sealed value has an unknown format (expected prefix " + PREFIX + ")");
        }
        if (sealed.length() > MAX_SEALED_CHARS) {
            throw new SecretBoxException("sealed value is too long (" + sealed.length() + " characters)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("sealed value is not valid base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("sealed value is too short (" + bytes.length + " bytes)");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), context);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            try {
                return new String(plain, StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw new SecretBoxException(
                    "cannot decrypt: wrong key, or the value was altered or belongs to another record");
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("cannot decrypt: " + e.getClass().getSimpleName(), e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = ciphers.get();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(AAD_LABEL);
        cipher.updateAAD(Objects.requireNonNull(context, "context").getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("this JVM has no " + TRANSFORMATION + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Says what this is, never the key. */
    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]";
    }
}
