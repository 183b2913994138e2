package org.imbridge.prosody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for a {@link PrivateProsody}, in the PEM files it looks for
 * ({@code <host>.crt}, {@code <host>.key}): Prosody offers STARTTLS, and clients that always upgrade
 * need a certificate to be there (they will ask the user to trust it). Made with {@code openssl}
 * when installed (Prosody's Debian package brings it), else with the JDK's {@code keytool}; made once
 * per JVM and names, then copied, since making one takes a moment.
 */
public final class SelfSignedCertificate {

    private static Path generated;

    private SelfSignedCertificate() {
    }

    /**
     * Copies this JVM's certificate for these names into {@code certificatesDir}, making it first if needed.
     *
     * @param certificatesDir the directory to create and fill with {@code <host>.crt} and {@code <host>.key}
     * @param host            the certificate's subject
     * @param otherName       a second name on the certificate (the component's domain)
     */
    public static void copyTo(Path certificatesDir, String host, String otherName) throws IOException {
        Path source = generated(host, otherName);
        Files.createDirectories(certificatesDir);
        Files.copy(source.resolve(host + ".crt"), certificatesDir.resolve(host + ".crt"));
        Files.copy(source.resolve(host + ".key"), certificatesDir.resolve(host + ".key"));
    }

    private static synchronized Path generated(String host, String otherName) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "imbridge-cert-" + ProcessHandle.current().pid()
                + "-" + host + "-" + otherName);
        if (dir.equals(generated) && Files.exists(dir.resolve(host + ".key"))) {
            return dir;
        }
        writeTo(dir, host, otherName);
        dir.toFile().deleteOnExit();
        dir.resolve(host + ".key").toFile().deleteOnExit();
        dir.resolve(host + ".crt").toFile().deleteOnExit();
        generated = dir;
        return dir;
    }

    /**
     * @param certificatesDir the directory to create and fill with {@code <host>.crt} and {@code <host>.key}
     * @param host            the certificate's subject
     * @param otherName       a second name on the certificate (the component's domain)
     */
    public static void writeTo(Path certificatesDir, String host, String otherName) throws IOException {
        Files.createDirectories(certificatesDir);
        Path cert = certificatesDir.resolve(host + ".crt");
        Path key = certificatesDir.resolve(host + ".key");
        if (PrivateProsody.findExecutable("openssl") != null) {
            run(certificatesDir, List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                    "-days", "30", "-subj", "/CN=" + host, "-addext", "subjectAltName=DNS:" + host + ",DNS:" + otherName));
        } else {
            withKeytool(certificatesDir, host, "dns:" + host + ",dns:" + otherName, cert, key);
        }
    }

    /** The fallback without openssl: {@code keytool} makes the pair, written as PEM to {@code cert} and {@code key}. */
    public static void withKeytool(Path dir, String host, String subjectAltName, Path cert, Path key)
            throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("store.p12");
        char[] password = "changeit".toCharArray();
        run(dir, List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + host, "-ext", "SAN=" + subjectAltName, "-validity", "30",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            Files.writeString(cert, pem("CERTIFICATE", keyStore.getCertificate("server").getEncoded()),
                    StandardCharsets.US_ASCII);
            Files.writeString(key, pem("PRIVATE KEY", keyStore.getKey("server", password).getEncoded()),
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the keystore keytool made", e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Path output = dir.resolve("command.out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " failed to make a certificate: " + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a certificate", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
