package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.basics.PingHandler;
import org.imbridge.xmpp.gateway.basics.VersionHandler;
import org.imbridge.xmpp.gateway.disco.DiscoInfoHandler;
import org.imbridge.xmpp.gateway.disco.DiscoItemsHandler;
import org.imbridge.xmpp.gateway.disco.Features;
import org.imbridge.xmpp.gateway.iq.IqRouter;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.prompt.GatewayQuery;
import org.imbridge.xmpp.gateway.prompt.GatewayQueryHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class BasicIqHandlersTest {

    private final RecordingSink sink = new RecordingSink();
    private JidMapping jids;
    private IqRouter router;

    @BeforeEach
    void setUp() throws Exception {
        GatewayProviders.register();
        jids = new JidMapping(JidCreate.domainBareFrom("msn.example.org"));
        Features features = new Features()
                .addTransportFeature(PingHandler.NAMESPACE)
                .addTransportFeature(Version.NAMESPACE)
                .addTransportFeature(GatewayQuery.NAMESPACE);
        router = new IqRouter(sink)
                .register(new DiscoInfoHandler(jids, features, "MSN Transport", "msn"))
                .register(new DiscoItemsHandler())
                .register(new VersionHandler())
                .register(new PingHandler())
                .register(new GatewayQueryHandler(jids, new FakeNetwork()));
    }

    @Test
    void transportIsAnMsnGatewayWithTheFeaturesWeImplement() {
        router.route(Stanzas.parse("<iq type='get' id='d1' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        DiscoverInfo info = (DiscoverInfo) sink.last();
        assertThat(info.getType()).isEqualTo(IQ.Type.result);
        assertThat(info.getStanzaId()).isEqualTo("d1");
        assertThat(info.getTo().toString()).isEqualTo("u@example.org/r");
        assertThat(info.getIdentities()).singleElement().satisfies(id -> {
            assertThat(id.getCategory()).isEqualTo("gateway");
            assertThat(id.getType()).isEqualTo("msn");
            assertThat(id.getName()).isEqualTo("MSN Transport");
        });
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).containsExactlyInAnyOrder(
                DiscoInfoHandler.NAMESPACE_INFO, DiscoItemsHandler.NAMESPACE_ITEMS, PingHandler.NAMESPACE,
                Version.NAMESPACE, GatewayQuery.NAMESPACE);
    }

    @Test
    void contactJidsAreClients() {
        router.route(Stanzas.parse("<iq type='get' id='d2' from='u@example.org/r' to='bob%hotmail.com@msn.example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        DiscoverInfo info = (DiscoverInfo) sink.last();
        assertThat(info.getIdentities()).singleElement().satisfies(id -> {
            assertThat(id.getCategory()).isEqualTo("client");
            assertThat(id.getType()).isEqualTo("pc");
        });
    }

    @Test
    void unknownIqGetsServiceUnavailableAndErrorsGetNothing() {
        router.route(Stanzas.parse("<iq type='get' id='x1' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='urn:example:nothing'/></iq>"));
        assertThat(sink.last().getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        sink.clear();
        router.route(Stanzas.parse("<iq type='error' id='x2' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='urn:example:nothing'/><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
        router.route(Stanzas.parse("<iq type='result' id='x3' from='u@example.org/r' to='msn.example.org'/>"));
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void versionAndPing() {
        router.route(Stanzas.parse("<iq type='get' id='v1' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:version'/></iq>"));
        Version version = (Version) sink.last();
        assertThat(version.getName()).isEqualTo("IMBridge");
        assertThat(version.getVersion()).isNotBlank();

        router.route(Stanzas.parse("<iq type='get' id='p1' from='u@example.org/r' to='msn.example.org'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>"));
        assertThat(sink.last().getStanzaId()).isEqualTo("p1");
        assertThat(((IQ) sink.last()).getType()).isEqualTo(IQ.Type.result);
    }

    @Test
    void gatewayPromptAndTranslation() {
        router.route(Stanzas.parse("<iq type='get' id='g1' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:gateway'/></iq>"));
        GatewayQuery prompt = (GatewayQuery) sink.last();
        assertThat(prompt.prompt()).isEqualTo("FakeNet account (member address)");
        assertThat(prompt.desc()).isEqualTo("Please enter the FakeNet Chat account of the person you would like to contact.");

        router.route(Stanzas.parse("<iq type='set' id='g2' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:gateway'><prompt>Alice@Hotmail.com</prompt></query></iq>"));
        GatewayQuery translated = Stanzas.parse(Stanzas.xml(sink.last()));
        assertThat(translated.jid()).isEqualTo("alice%hotmail.com@msn.example.org");

        router.route(Stanzas.parse("<iq type='set' id='g3' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:gateway'><prompt>not an address</prompt></query></iq>"));
        assertThat(sink.last().getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
    }

    @Test
    void jidMappingIsOneToOne() throws Exception {
        assertThat(jids.toJid(LegacyAddress.of("alice@hotmail.com")).toString()).isEqualTo("alice%hotmail.com@msn.example.org");
        assertThat(jids.toLegacy(JidCreate.from("alice%hotmail.com@msn.example.org/res")))
                .contains(LegacyAddress.of("alice@hotmail.com"));
        assertThat(jids.toLegacy(JidCreate.from("alice@msn.example.org"))).isEmpty();
        assertThat(jids.toLegacy(JidCreate.from("alice%hotmail.com@other.example.org"))).isEmpty();
        assertThat(jids.toLegacy(JidCreate.from("msn.example.org"))).isEmpty();
        assertThat(jids.isTransport(JidCreate.from("msn.example.org/x"))).isTrue();
    }
}
