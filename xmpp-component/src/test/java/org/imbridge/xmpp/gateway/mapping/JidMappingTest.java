package org.imbridge.xmpp.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imbridge.core.model.LegacyAddress;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class JidMappingTest {

    private final JidMapping jids = new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.example.org"));

    @Test
    void aContactAddressBecomesAJidOfTheTransportAndBack() {
        LegacyAddress alice = LegacyAddress.of("alice@hotmail.com");

        assertThat(jids.toJid(alice).toString()).isEqualTo("alice%hotmail.com@msn.example.org");
        assertThat(jids.toLegacy(jids.toJid(alice))).contains(alice);
    }

    @Test
    void repeatedLookUpsGiveTheSameJid() {
        LegacyAddress bob = LegacyAddress.of("bob@hotmail.com");

        assertThat((Object) jids.toJid(bob)).isSameAs(jids.toJid(bob));
        assertThat((Object) jids.user("romeo@example.net")).isSameAs(jids.user("romeo@example.net"))
                .hasToString("romeo@example.net");
    }

    @Test
    void manyDifferentContactsStillMapCorrectlyPastTheCacheBound() {
        for (int i = 0; i < 60_000; i++) {
            LegacyAddress contact = LegacyAddress.of("c" + i + "@hotmail.com");
            assertThat(jids.toJid(contact).getLocalpart().toString()).isEqualTo("c" + i + "%hotmail.com");
        }
        assertThat(jids.toJid(LegacyAddress.of("c1@hotmail.com")).toString()).isEqualTo("c1%hotmail.com@msn.example.org");
    }

    @Test
    void anInvalidUserJidIsRejected() {
        assertThatThrownBy(() -> jids.user("x".repeat(1100) + "@example.net")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jidsOfOtherDomainsAreNoContacts() {
        assertThat(jids.toLegacy(JidCreate.entityBareFromOrThrowUnchecked("alice%hotmail.com@elsewhere.org"))).isEmpty();
        assertThat(jids.isTransport(JidCreate.domainBareFromOrThrowUnchecked("msn.example.org"))).isTrue();
    }
}
