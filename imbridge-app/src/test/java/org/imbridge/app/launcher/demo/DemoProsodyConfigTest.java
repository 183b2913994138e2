package org.imbridge.app.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The demo's Prosody config takes its component section from config/prosody/imbridge.cfg.lua, the
 * snippet admins are given; {@link DemoTest} then runs a real Prosody with it.
 */
class DemoProsodyConfigTest {

    @Test
    void theComponentSectionIsTheAdminsSnippetWithOurDomainAndSecret() throws Exception {
        String snippet = Files.readString(Path.of("../config/prosody/imbridge.cfg.lua"));
        String section = ProsodySnippet.section("msn.localhost", "s3cr\"et");
        assertThat(section).contains("Component \"msn.localhost\"")
                .contains("component_secret = \"s3cr\\\"et\"")
                .doesNotContain("msn.example.org").doesNotContain("CHANGE-ME");
        assertThat(section.lines().count()).isEqualTo(snippet.lines().count());
    }
}
