package org.imbridge.msnserver.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginRulesTest {

    @ParameterizedTest(name = "{0} {1} (INF answered: {2}) -> {3}")
    @CsvSource({
            "AWAITING_VERSION, VER, false, PROCEED",
            "AWAITING_VERSION, CVR, false, CVR_NOT_EXPECTED",
            "AWAITING_VERSION, INF, false, DISCONNECT",
            "AWAITING_VERSION, USR, false, DISCONNECT",
            "VERSION_AGREED, INF, false, PROCEED",
            "VERSION_AGREED, INF, true, NOT_EXPECTED",
            "VERSION_AGREED, USR, true, PROCEED",
            "VERSION_AGREED, VER, false, NOT_EXPECTED",
            "VERSION_AGREED, CVR, false, CVR_NOT_EXPECTED",
            "VERSION_AGREED, SYN, false, DISCONNECT",
            "VERSION_AGREED, PNG, false, DISCONNECT",
            "AWAITING_RESPONSE, USR, false, PROCEED",
            "AWAITING_RESPONSE, CVR, false, NOT_EXPECTED",
            "AWAITING_RESPONSE, VER, false, NOT_EXPECTED",
            "AWAITING_RESPONSE, INF, true, NOT_EXPECTED",
            "AWAITING_RESPONSE, CHG, false, DISCONNECT",
            "LOGGED_IN, VER, true, NOT_EXPECTED",
            "LOGGED_IN, INF, true, NOT_EXPECTED",
            "LOGGED_IN, CVR, true, PROCEED",
            "LOGGED_IN, SYN, true, PROCEED",
            "LOGGED_IN, USR, true, PROCEED",
    })
    void verdicts(LoginStage stage, String command, boolean infoAnswered, LoginVerdict expected) {
        assertThat(LoginRules.check(stage, infoAnswered, command)).isEqualTo(expected);
    }

    @Test
    void versionNegotiationEchoesTheSupportedSubset() {
        assertThat(VersionNegotiation.accepted(List.of("MSNP7", "MSNP6", "MSNP5", "MSNP4", "CVR0")))
                .containsExactly("MSNP7", "MSNP6", "MSNP5", "MSNP4", "CVR0");
        assertThat(VersionNegotiation.accepted(List.of("MSNP10", "MSNP8", "CVR0"))).isEmpty();
        assertThat(VersionNegotiation.accepted(List.of("CVR0"))).isEmpty();
        assertThat(VersionNegotiation.accepted(List.of("msnp2", "cvr0", "CVRO"))).containsExactly("msnp2", "cvr0");
        assertThat(VersionNegotiation.highest(List.of("MSNP5", "msnp6", "MSNP8"))).isEqualTo("MSNP6");
    }
}
