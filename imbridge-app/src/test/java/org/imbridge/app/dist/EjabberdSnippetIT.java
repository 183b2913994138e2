package org.imbridge.app.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * config/ejabberd/imbridge.yml and imbridge-instances.yml against a real ejabberd, through
 * scripts/check-ejabberd-snippet (a private ejabberd whose config is the snippet, our MSN network,
 * and the packaged transport, once per balancing slot for the multi-instance snippet). Runs where
 * ejabberd is installed and we are root (the script runs ejabberd as its own user); skipped elsewhere.
 */
class EjabberdSnippetIT {

    @Test
    void ejabberdAcceptsTheTransportWithTheSnippet() throws Exception {
        assertThat(check()).contains("OK: ejabberd accepted the transport with config/ejabberd/imbridge.yml");
    }

    @Test
    void ejabberdAcceptsTwoInstancesForTheDomainWithTheMultiInstanceSnippet() throws Exception {
        String snippet = Files.readString(Path.of("../config/ejabberd/imbridge-instances.yml"));
        assertThat(snippet).contains("domain_balancing:").contains("type: bare_source").contains("component_number: 2");

        String printed = check("config/ejabberd/imbridge-instances.yml");

        assertThat(printed).contains("Starting transport inst-1").contains("Starting transport inst-2")
                .contains("OK: ejabberd accepted 2 transports for msn.localhost with config/ejabberd/imbridge-instances.yml");
    }

    /** Runs the script with {@code args}; returns what it printed once it succeeded. */
    private static String check(String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ejabberdctl")), "ejabberd is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "the check runs ejabberd as root's helper");
        Path script = Path.of("../scripts/check-ejabberd-snippet").toAbsolutePath().normalize();
        Path output = Files.createTempFile("ejabberd-check", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("bash", script.toString()));
            command.addAll(List.of(args));
            Process check = new ProcessBuilder(command).directory(script.getParent().getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!check.waitFor(180, TimeUnit.SECONDS)) {
                check.descendants().forEach(ProcessHandle::destroy);
                check.destroy();
                check.waitFor(30, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(check.exitValue()).as(printed).isZero();
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
