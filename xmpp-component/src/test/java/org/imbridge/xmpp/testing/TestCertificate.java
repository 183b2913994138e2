package org.imbridge.xmpp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imbridge.xmpp.launcher.demo.SelfSignedCertificate;

/**
 * The demo's {@link SelfSignedCertificate} for the test server's virtual host (and the component's
 * domain), made once per JVM and copied into each server's directory, since making one takes a
 * moment. Prosody offers STARTTLS with it; clients that insist on TLS need one to exist.
 */
final class TestCertificate {

    private static Path generated;

    private TestCertificate() {
    }

    /**
     * @param certificatesDir the directory to create and fill
     * @param host            the virtual host, the certificate's subject
     * @param componentDomain a second name on the certificate
     */
    static void writeTo(Path certificatesDir, String host, String componentDomain) throws IOException {
        Path source = generated(host, componentDomain);
        Files.createDirectories(certificatesDir);
        Files.copy(source.resolve(host + ".crt"), certificatesDir.resolve(host + ".crt"));
        Files.copy(source.resolve(host + ".key"), certificatesDir.resolve(host + ".key"));
    }

    private static synchronized Path generated(String host, String componentDomain) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "imbridge-test-cert-" + ProcessHandle.current().pid()
                + "-" + host + "-" + componentDomain);
        if (generated != null && generated.equals(dir) && Files.exists(dir.resolve(host + ".key"))) {
            return dir;
        }
        SelfSignedCertificate.writeTo(dir, host, componentDomain);
        dir.toFile().deleteOnExit();
        dir.resolve(host + ".key").toFile().deleteOnExit();
        dir.resolve(host + ".crt").toFile().deleteOnExit();
        generated = dir;
        return dir;
    }

    /** The keytool fallback, writing {@code cert.pem} and {@code key.pem} into {@code dir}. */
    static void withKeytool(Path dir, String host, String subjectAltName) throws IOException {
        SelfSignedCertificate.withKeytool(dir, host, subjectAltName, dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }
}
