package org.imbridge.ejabberd.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Objects;

import org.imbridge.ejabberd.PrivateEjabberd;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link PrivateEjabberd} around tests, as xmpp-component's ProsodyExtension does for Prosody:
 * registered on a {@code static} field it serves the whole class, on an instance field each test gets
 * a fresh one, closed afterwards even when a test fails. Where no private ejabberd can run (not
 * installed, or not root), the tests are skipped with the reason.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EjabberdExtension EJABBERD = new EjabberdExtension(PrivateEjabberd.builder().componentListeners(2));
 * </pre>
 */
public final class EjabberdExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final PrivateEjabberd.Builder settings;
    private PrivateEjabberd server;
    private boolean perClass;

    /** @param settings how to configure the server */
    public EjabberdExtension(PrivateEjabberd.Builder settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A server with the default settings. */
    public EjabberdExtension() {
        this(PrivateEjabberd.builder());
    }

    /** @return the running server @throws IllegalStateException outside of a test */
    public PrivateEjabberd server() {
        if (server == null) {
            throw new IllegalStateException("the ejabberd server only exists while tests run");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        if (PrivateEjabberd.available()) {
            server = settings.start();
        }
    }

    /** Skips each test by itself, so that every one is reported as skipped with the reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        String reason = PrivateEjabberd.unavailableReason();
        assumeTrue(reason == null, () -> "no private ejabberd here: " + reason);
        if (!perClass) {
            server = settings.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
