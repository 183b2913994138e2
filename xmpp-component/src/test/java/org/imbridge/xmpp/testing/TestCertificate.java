package org.imbridge.xmpp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for the test server's virtual host (and the component's domain), in the
 * PEM files Prosody looks for ({@code <host>.crt}, {@code <host>.key}). Made once per JVM and copied
 * into each server's directory: with {@code openssl} when it is installed (fast), else with the JDK's
 * {@code keytool}. Prosody offers STARTTLS with it; clients that insist on TLS need one to exist.
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
        Files.copy(source.resolve("cert.pem"), certificatesDir.resolve(host + ".crt"));
        Files.copy(source.resolve("key.pem"), certificatesDir.resolve(host + ".key"));
    }

    private static synchronized Path generated(String host, String componentDomain) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "imbridge-test-cert-" + ProcessHandle.current().pid()
                + "-" + host + "-" + componentDomain);
        if (generated != null && generated.equals(dir) && Files.exists(dir.resolve("key.pem"))) {
            return dir;
        }
        Files.createDirectories(dir);
        dir.toFile().deleteOnExit();
        String subjectAltName = "DNS:" + host + ",DNS:" + componentDomain;
        if (hasOpenssl()) {
            run(dir, List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "7", "-subj", "/CN=" + host,
                    "-addext", "subjectAltName=" + subjectAltName));
        } else {
            withKeytool(dir, host, "dns:" + host + ",dns:" + componentDomain);
        }
        dir.resolve("key.pem").toFile().deleteOnExit();
        dir.resolve("cert.pem").toFile().deleteOnExit();
        generated = dir;
        return dir;
    }

    static void withKeytool(Path dir, String host, String subjectAltName) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("store.p12");
        char[] password = "changeit".toCharArray();
        run(dir, List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + host, "-ext", "SAN=" + subjectAltName, "-validity", "7",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            Files.writeString(dir.resolve("cert.pem"),
                    pem("CERTIFICATE", keyStore.getCertificate("server").getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("key.pem"),
                    pem("PRIVATE KEY", keyStore.getKey("server", password).getEncoded()), StandardCharsets.US_ASCII);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the keystore keytool made", e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static boolean hasOpenssl() {
        try {
            ProsodyServer.requireExecutable("openssl");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Path output = dir.resolve("command.out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " failed to make a test certificate: " + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a test certificate", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
