package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.AccountSpec;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.blocking.element.BlockContactsIQ;
import org.jivesoftware.smackx.blocking.element.BlockListIQ;
import org.jivesoftware.smackx.blocking.element.UnblockContactsIQ;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;

/**
 * XEP-0191 through real Prosody: the user blocks an MSN contact at the transport, who then sees the
 * user offline and cannot open a conversation with them; unblocking undoes it; a block made on the MSN
 * side is pushed to the user's client. (Smack's BlockingCommandManager only talks to the user's own
 * server, so the IQs are addressed to the transport by hand, as a client that supports it would.)
 */
class BlockingEndToEndTest {

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void blockAndUnblockAContactAndSeeABlockFromMsn(ServerKind server) throws Exception {
        try (BridgeHarness bridge = server.start(List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo One").withContacts("b1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob One").withContacts("r1@hotmail.com"),
                AccountSpec.of("m1@hotmail.com", "pw", "Mallory One")), List.of("*@localhost"));
             MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b1@hotmail.com");
            Jid malloryJid = romeo.contact("m1@hotmail.com");
            List<String> pushes = new CopyOnWriteArrayList<>();
            // IQ requests reach only handlers (Smack's own blocking handler trusts the user's server alone)
            for (String element : List.of(BlockContactsIQ.ELEMENT, UnblockContactsIQ.ELEMENT)) {
                romeo.client.registerIQRequestHandler(new AbstractIqRequestHandler(element, BlockContactsIQ.NAMESPACE,
                        IQ.Type.set, IQRequestHandler.Mode.async) {
                    @Override
                    public IQ handleIQRequest(IQ push) {
                        if (bridge.transportJid.equals(push.getFrom())) {
                            List<Jid> jids = push instanceof BlockContactsIQ b ? b.getJids() : ((UnblockContactsIQ) push).getJids();
                            jids.forEach(j -> pushes.add(element + " " + j));
                        }
                        return IQ.createResultIQ(push);
                    }
                });
            }
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.statuses.get("r1@hotmail.com") == MsnStatus.NLN);

            request(bridge, romeo, new BlockContactsIQ(List.of(bobJid, malloryJid)));

            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.statuses.get("r1@hotmail.com") == MsnStatus.FLN);
            assertThat(blockList(bridge, romeo)).containsExactlyInAnyOrder(bobJid.toString(), malloryJid.toString());
            assertThatThrownBy(() -> bob.say("r1@hotmail.com", "let me in")).isNotNull();
            await().atMost(BridgeHarness.TIMEOUT).until(() -> pushes.containsAll(List.of("block " + bobJid, "block " + malloryJid)));

            request(bridge, romeo, new UnblockContactsIQ(List.of(bobJid)));

            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.statuses.get("r1@hotmail.com") == MsnStatus.NLN);
            assertThat(blockList(bridge, romeo)).containsExactly(malloryJid.toString());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> pushes.contains("unblock " + bobJid));

            bridge.msn.setBlocked("r1@hotmail.com", "b1@hotmail.com", true);

            await().atMost(BridgeHarness.TIMEOUT).until(() -> pushes.stream().filter(p -> p.equals("block " + bobJid)).count() == 2);
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.statuses.get("r1@hotmail.com") == MsnStatus.FLN);
            assertThat(blockList(bridge, romeo)).containsExactlyInAnyOrder(bobJid.toString(), malloryJid.toString());
        }
    }

    private static IQ request(BridgeHarness bridge, XmppUser user, IQ iq) throws Exception {
        iq.setType(iq instanceof BlockListIQ ? IQ.Type.get : IQ.Type.set);
        iq.setTo(bridge.transportJid);
        return user.client.createStanzaCollectorAndSend(iq).nextResultOrThrow(BridgeHarness.TIMEOUT.toMillis());
    }

    private static List<String> blockList(BridgeHarness bridge, XmppUser user) throws Exception {
        BlockListIQ list = (BlockListIQ) request(bridge, user, new BlockListIQ());
        return list.getBlockedJids().stream().map(Jid::toString).toList();
    }
}
