package org.imbridge.xmpp.gateway.groupchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class RoomNamesTest {

    private final RoomNames names = new RoomNames(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost"));

    @Test
    void aRoomJidHasALocalPartWithoutPercent() {
        assertThat(names.isRoomJid(JidCreate.fromOrThrowUnchecked("sb1@msn.localhost/Romeo"))).isTrue();
        assertThat(names.isRoomJid(JidCreate.fromOrThrowUnchecked("bob%x.example@msn.localhost"))).isFalse();
        assertThat(names.isRoomJid(JidCreate.fromOrThrowUnchecked("msn.localhost"))).isFalse();
        assertThat(names.isRoomJid(JidCreate.fromOrThrowUnchecked("sb1@other.localhost"))).isFalse();
    }

    @Test
    void groupIdsBecomeSafeFreeLocalParts() {
        assertThat(names.forGroup("SB 17/a%b@c", jid -> false).toString()).isEqualTo("sb_17_a_b_c@msn.localhost");
        assertThat(names.forGroup("", jid -> false).toString()).isEqualTo("group@msn.localhost");
        Set<String> taken = Set.of("sb1@msn.localhost", "sb1-2@msn.localhost");
        assertThat(names.forGroup("sb1", jid -> taken.contains(jid.toString())).toString()).isEqualTo("sb1-3@msn.localhost");
    }
}
