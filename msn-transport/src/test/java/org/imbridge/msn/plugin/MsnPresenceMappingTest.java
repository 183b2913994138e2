package org.imbridge.msn.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.imbridge.msn.protocol.MsnStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The design's presence table, both ways. */
class MsnPresenceMappingTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "NLN, AVAILABLE, -",
            "AWY, AWAY, Away",
            "BRB, AWAY, Be Right Back",
            "IDL, AWAY, Idle",
            "LUN, XA, Out to Lunch",
            "BSY, DND, Busy",
            "PHN, DND, On the Phone",
            "HDN, UNAVAILABLE, -",
            "FLN, UNAVAILABLE, -"})
    void contactStates(MsnStatus status, PresenceShow show, String text) {
        assertThat(MsnPresenceMapping.toPresence(status)).isEqualTo(new Presence(show, text));
    }

    @ParameterizedTest
    @CsvSource({"AVAILABLE, NLN", "CHAT, NLN", "AWAY, AWY", "XA, IDL", "DND, BSY", "UNAVAILABLE, HDN"})
    void ownPresence(PresenceShow show, MsnStatus status) {
        assertThat(MsnPresenceMapping.toStatus(new Presence(show, "whatever the text"))).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(value = MsnStatus.class, names = {"NLN", "AWY", "BSY", "HDN"})
    void theStatesTheUserCanSetMapBackToThemselves(MsnStatus status) {
        assertThat(MsnPresenceMapping.toStatus(MsnPresenceMapping.toPresence(status))).isEqualTo(status);
    }
}
