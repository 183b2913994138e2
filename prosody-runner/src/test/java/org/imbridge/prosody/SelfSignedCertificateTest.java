package org.imbridge.prosody;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @Test
    void writesAPemPairForTheHost(@TempDir Path dir) throws Exception {
        SelfSignedCertificate.copyTo(dir, "localhost", "msn.localhost");

        assertThat(certificate(dir.resolve("localhost.crt")).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(Files.readString(dir.resolve("localhost.key"))).contains("PRIVATE KEY-----");
    }

    @Test
    void keytoolFallbackMakesPemFilesThatParse(@TempDir Path dir) throws Exception {
        SelfSignedCertificate.withKeytool(dir, "localhost", "dns:localhost,dns:msn.localhost",
                dir.resolve("cert.pem"), dir.resolve("key.pem"));

        X509Certificate certificate = certificate(dir.resolve("cert.pem"));
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .containsExactlyInAnyOrder("localhost", "msn.localhost");
        String key = Files.readString(dir.resolve("key.pem"));
        byte[] der = Base64.getMimeDecoder().decode(key.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));
        assertThat(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)).getAlgorithm())
                .isEqualTo("EC");
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        byte[] bytes = Files.readString(pem).getBytes(StandardCharsets.US_ASCII);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
    }
}
