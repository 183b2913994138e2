package org.imbridge.xmpp.testing;

import java.util.Objects;

import org.imbridge.prosody.PrivateProsody;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link PrivateProsody} around tests: registered on a {@code static} field it serves the
 * whole class, on an instance field each test gets a fresh one. The server is closed (process
 * killed, directory deleted) afterwards even when a test fails.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ProsodyExtension PROSODY = new ProsodyExtension(PrivateProsody.builder().privilege(true));
 *
 * &#64;Test
 * void something() {
 *     PrivateProsody prosody = PROSODY.server();
 * }
 * </pre>
 */
public final class ProsodyExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final PrivateProsody.Builder settings;
    private PrivateProsody server;
    private boolean perClass;

    /** @param settings how to configure the server */
    public ProsodyExtension(PrivateProsody.Builder settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A server with the default settings. */
    public ProsodyExtension() {
        this(PrivateProsody.builder());
    }

    /** @return the running server @throws IllegalStateException outside of a test */
    public PrivateProsody server() {
        if (server == null) {
            throw new IllegalStateException("the Prosody server only exists while tests run");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        server = settings.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
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
