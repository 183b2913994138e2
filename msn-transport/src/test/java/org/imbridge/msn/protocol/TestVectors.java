package org.imbridge.msn.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The known answers of docs/msnp.md §16 ({@code msnp-known-answers.json} in the test resources). */
final class TestVectors {

    private static final JsonNode ROOT = load();

    private TestVectors() {
    }

    static JsonNode root() {
        return ROOT;
    }

    /** The payload named {@code name}, checked against its stated byte count. */
    static byte[] payload(String name) {
        JsonNode node = ROOT.path("payloads").path(name);
        byte[] bytes = node.path("text").asText().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != node.path("length").asInt()) {
            throw new IllegalStateException(name + ": " + bytes.length + " bytes, vector says " + node.path("bytes"));
        }
        return bytes;
    }

    private static JsonNode load() {
        try (InputStream in = TestVectors.class.getResourceAsStream("/msnp-known-answers.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
