package org.imbridge.app.launcher.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.imbridge.prosody.PrivateProsody;

/**
 * The component section admins are given ({@code config/prosody/imbridge.cfg.lua}, built into the
 * jar), with the demo's domain and secret: the demo's Prosody runs with it, so the snippet is
 * checked against a real server.
 */
final class ProsodySnippet {

    static final String RESOURCE = "prosody/imbridge.cfg.lua";
    private static final String SNIPPET_DOMAIN = "msn.example.org";
    private static final String SNIPPET_SECRET = "CHANGE-ME";

    private ProsodySnippet() {
    }

    /** @return the snippet with {@code domain} and {@code secret} in place of its placeholders */
    static String section(String domain, String secret) {
        String snippet;
        try (InputStream in = ProsodySnippet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the jar; rebuild with mvn package");
            }
            snippet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!snippet.contains("Component \"" + SNIPPET_DOMAIN + "\"") || !snippet.contains("\"" + SNIPPET_SECRET + "\"")) {
            throw new IllegalStateException(RESOURCE + " no longer has Component \"" + SNIPPET_DOMAIN
                    + "\" with component_secret \"" + SNIPPET_SECRET + "\"");
        }
        return snippet.replace("\"" + SNIPPET_DOMAIN + "\"", PrivateProsody.lua(domain))
                .replace("\"" + SNIPPET_SECRET + "\"", PrivateProsody.lua(secret));
    }
}
