package org.imbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.imbridge.core.registration.RegistrationStoreException;

/**
 * Detects a wrong encryption key when the store opens rather than at the first login: the first start
 * seals a known text with the key into {@code store_key_check}; every later start must be able to open
 * it with its key.
 */
final class KeyCheck {

    private static final String CONTEXT = "store-key-check";
    private static final String KNOWN_TEXT = "imbridge registrations";

    private KeyCheck() {
    }

    /**
     * Verifies the key, or records it on first start.
     *
     * @param dataSource the migrated database
     * @param box        the key to check
     * @param keySource  where the key came from, for the error message
     * @throws RegistrationStoreException when the key is not the one the database was first used with
     */
    static void verify(DataSource dataSource, SecretBox box, String keySource) {
        try (Connection c = dataSource.getConnection()) {
            String sealed = read(c);
            if (sealed == null) {
                record(c, box);
                sealed = read(c);
            }
            try {
                if (KNOWN_TEXT.equals(box.open(sealed, CONTEXT))) {
                    return;
                }
            } catch (SecretBoxException e) {
                // Falls through to the message below; the cause says nothing more useful.
            }
            throw new RegistrationStoreException("the encryption key from " + keySource
                    + " is not the key this registration store was created with; the stored legacy passwords "
                    + "cannot be read with it (restore the original key file or environment variable)");
        } catch (SQLException e) {
            throw new RegistrationStoreException("cannot check the encryption key: " + e.getMessage(), e);
        }
    }

    private static String read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sealed FROM store_key_check WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void record(Connection c, SecretBox box) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_key_check (id, sealed) VALUES (1, ?)")) {
            ps.setString(1, box.seal(KNOWN_TEXT, CONTEXT));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!JdbcRegistrationStore.isUniqueViolation(e)) {
                throw e;
            }
            // Another process recorded its key first; the caller checks against that one.
        }
    }
}
