package org.imbridge.xmpp.gateway.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.imbridge.xmpp.gateway.Stanzas;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;

class PrivilegeTest {

    /** What Prosody's mod_privilege (Debian prosody-modules) sends right after the handshake. */
    private static final String PROSODY_V2 = "<message from='localhost' to='msn.localhost' xmlns='jabber:client'>"
            + "<privilege xmlns='urn:xmpp:privilege:2'>"
            + "<perm access='roster' type='both'/>"
            + "<perm access='message' type='outgoing'/>"
            + "<perm access='presence' type='roster'/>"
            + "</privilege></message>";

    /** XEP-0356 (0.4) example 6, with an IQ permission. */
    private static final String IQ_PERM = "<privilege xmlns='urn:xmpp:privilege:2'>"
            + "<perm access='iq'><namespace ns='urn:xmpp:mam:2' type='get'/><namespace ns='jabber:iq:roster' type='both'/></perm>"
            + "</privilege>";

    /** The older namespace, as ejabberd 23.01 sends it. */
    private static final String EJABBERD_V1 = "<message from='example.org' to='msn.example.org' xmlns='jabber:client'>"
            + "<privilege xmlns='urn:xmpp:privilege:1'><perm access='roster' type='both'/>"
            + "<perm access='message' type='outgoing'/></privilege></message>";

    @Test
    void parsesProsodysAdvertisement() {
        Message message = Stanzas.parse(PROSODY_V2);

        Privilege privilege = Privilege.from(message);

        assertThat(privilege).isNotNull();
        assertThat(privilege.isCurrentVersion()).isTrue();
        assertThat(privilege.perms()).containsExactly(Privilege.Perm.of("roster", "both"),
                Privilege.Perm.of("message", "outgoing"), Privilege.Perm.of("presence", "roster"));
        assertThat(privilege.rosterAccess()).isEqualTo(RosterAccess.BOTH);
    }

    @Test
    void parsesTheOldNamespaceSoItCanBeRecognised() {
        Privilege privilege = Privilege.from(Stanzas.parse(EJABBERD_V1));

        assertThat(privilege).isNotNull();
        assertThat(privilege.isCurrentVersion()).isFalse();
        assertThat(privilege.getNamespace()).isEqualTo(Privilege.NAMESPACE_V1);
        assertThat(privilege.rosterAccess()).isEqualTo(RosterAccess.BOTH);
    }

    @Test
    void parsesIqPermissionsWithTheirNamespaces() throws Exception {
        Privilege privilege = PrivilegeProvider.INSTANCE.parse(PacketParserUtils.getParserFor(IQ_PERM));

        assertThat(privilege.perm("iq")).get().satisfies(perm -> {
            assertThat(perm.type()).isNull();
            assertThat(perm.namespaces()).containsExactly(Map.entry("urn:xmpp:mam:2", "get"),
                    Map.entry("jabber:iq:roster", "both"));
        });
        assertThat(privilege.rosterAccess()).isEqualTo(RosterAccess.NONE);
    }

    @Test
    void roundTripsThroughXml() throws Exception {
        Privilege original = new Privilege(Privilege.NAMESPACE, List.of(Privilege.Perm.of("roster", "set"),
                new Privilege.Perm("iq", null, Map.of("jabber:iq:roster", "get"))));

        String xml = original.toXML(XmlEnvironment.EMPTY).toString();
        Privilege parsed = PrivilegeProvider.INSTANCE.parse(PacketParserUtils.getParserFor(xml));

        assertThat(xml).startsWith("<privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='set'/>");
        assertThat(parsed.getNamespace()).isEqualTo(original.getNamespace());
        assertThat(parsed.perms()).isEqualTo(original.perms());
    }

    @Test
    void anEmptyAdvertisementGrantsNothing() throws Exception {
        Privilege privilege = PrivilegeProvider.INSTANCE.parse(PacketParserUtils.getParserFor("<privilege xmlns='urn:xmpp:privilege:2'/>"));

        assertThat(privilege.perms()).isEmpty();
        assertThat(privilege.rosterAccess()).isEqualTo(RosterAccess.NONE);
        assertThat(privilege.toXML(XmlEnvironment.EMPTY).toString()).isEqualTo("<privilege xmlns='urn:xmpp:privilege:2'/>");
    }

    @Test
    void skipsPermsWithoutAccessAndIgnoresUnknownChildren() throws Exception {
        Privilege privilege = PrivilegeProvider.INSTANCE.parse(PacketParserUtils.getParserFor(
                "<privilege xmlns='urn:xmpp:privilege:2'><perm type='both'/><extra><perm access='x'/></extra>"
                        + "<perm access='roster' type='get'/></privilege>"));

        assertThat(privilege.perms()).containsExactly(Privilege.Perm.of("roster", "get"));
        assertThat(privilege.rosterAccess()).isEqualTo(RosterAccess.GET);
    }

    @Test
    void aMessageWithoutPrivilegeHasNone() {
        assertThat(Privilege.from(Stanzas.parse("<message from='localhost' to='msn.localhost' xmlns='jabber:client'/>")))
                .isNull();
    }

    @Test
    void refusesOtherNamespaces() {
        assertThatThrownBy(() -> new Privilege("urn:xmpp:privilege:3", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rosterAccessTypes() {
        assertThat(RosterAccess.of("both").canRead()).isTrue();
        assertThat(RosterAccess.of("both").canWrite()).isTrue();
        assertThat(RosterAccess.of("get").canWrite()).isFalse();
        assertThat(RosterAccess.of("set").canWrite()).isTrue();
        assertThat(RosterAccess.of("set").canRead()).isFalse();
        assertThat(RosterAccess.of("none")).isEqualTo(RosterAccess.NONE);
        assertThat(RosterAccess.of("bogus")).isEqualTo(RosterAccess.NONE);
        assertThat(RosterAccess.of(null)).isEqualTo(RosterAccess.NONE);
    }
}
