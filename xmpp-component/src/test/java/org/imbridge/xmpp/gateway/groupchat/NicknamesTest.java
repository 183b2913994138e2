package org.imbridge.xmpp.gateway.groupchat;

import static org.assertj.core.api.Assertions.assertThat;

import org.imbridge.core.model.LegacyAddress;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.parts.Resourcepart;

class NicknamesTest {

    private final Nicknames nicks = new Nicknames();

    @Test
    void displayNamesBecomeUniqueNicks() {
        assertThat(nicks.assign(LegacyAddress.of("bob@a.example"), "Bob").toString()).isEqualTo("Bob");
        assertThat(nicks.assign(LegacyAddress.of("bob@b.example"), "bob").toString()).isEqualTo("bob (2)");
        assertThat(nicks.assign(LegacyAddress.of("bob@a.example"), "Robert").toString()).as("kept").isEqualTo("Bob");
        assertThat(nicks.participant(Resourcepart.fromOrThrowUnchecked("BOB"))).contains(LegacyAddress.of("bob@a.example"));
    }

    @Test
    void theUserGivesWayToParticipantsAndParticipantsToTheUser() {
        nicks.assign(LegacyAddress.of("bob@a.example"), "Bob");
        assertThat(nicks.assignUser(Resourcepart.fromOrThrowUnchecked("Bob")).toString()).isEqualTo("Bob (2)");
        assertThat(nicks.assign(LegacyAddress.of("x@a.example"), "Bob (2)").toString()).isEqualTo("Bob (2) (2)");
    }

    @Test
    void blankLongOrInvalidNamesFallBack() {
        assertThat(nicks.assign(LegacyAddress.of("c@a.example"), "   ").toString()).isEqualTo("c@a.example");
        assertThat(nicks.assign(LegacyAddress.of("d@a.example"), "x".repeat(300)).length())
                .isEqualTo(Nicknames.MAX_LENGTH);
        assertThat(nicks.assign(LegacyAddress.of("e@a.example"), "tab\u0007bell").toString()).as("control characters go").isEqualTo("tabbell");
    }

    @Test
    void aRemovedNickIsFreeAgain() {
        LegacyAddress bob = LegacyAddress.of("bob@a.example");
        nicks.assign(bob, "Bob");
        assertThat(nicks.remove(bob)).contains(Resourcepart.fromOrThrowUnchecked("Bob"));
        assertThat(nicks.assign(LegacyAddress.of("bob@b.example"), "Bob").toString()).isEqualTo("Bob");
    }
}
