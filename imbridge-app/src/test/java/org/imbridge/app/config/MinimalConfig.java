package org.imbridge.app.config;

/** The smallest valid transport.yaml, for tests that change one key of it. */
final class MinimalConfig {

    static final String YAML = """
            component:
              jid: msn.example.org
              host: 127.0.0.1
              port: 5347
              secret: s3cret
            msn:
              host: 127.0.0.1
              port: 1863
            storage:
              url: jdbc:h2:file:./data/imbridge
              key-file: ./data/key
            """;

    private MinimalConfig() {
    }
}
