package org.imbridge.app.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * config/ejabberd/imbridge.yml against a real ejabberd, through scripts/check-ejabberd-snippet (a
 * private ejabberd whose listener is the snippet, our MSN network, and the packaged transport).
 * Runs where ejabberd is installed and we are root (the script runs ejabberd as its own user);
 * skipped elsewhere.
 */
class EjabberdSnippetIT {

    @Test
    void ejabberdAcceptsTheTransportWithTheSnippet() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ejabberdctl")), "ejabberd is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "the check runs ejabberd as root's helper");
        Path script = Path.of("../scripts/check-ejabberd-snippet").toAbsolutePath().normalize();
        Path output = Files.createTempFile("ejabberd-check", ".txt");
        try {
            Process check = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!check.waitFor(180, TimeUnit.SECONDS)) {
                check.descendants().forEach(ProcessHandle::destroy);
                check.destroy();
                check.waitFor(30, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(check.exitValue()).as(printed).isZero();
            assertThat(printed).contains("OK: ejabberd accepted the transport");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
