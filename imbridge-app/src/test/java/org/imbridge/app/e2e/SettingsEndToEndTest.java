package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.imbridge.msn.client.Contact;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.PrivacyMode;
import org.imbridge.msnserver.account.ReversePrompt;
import org.imbridge.xmpp.gateway.settings.SettingsCommand;
import org.imbridge.xmpp.gateway.settings.SettingsForm;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The user's own MSN name and privacy through real Prosody and our MSN network: the "Settings"
 * ad-hoc command renames the user for their MSN contacts; the registration form turns "ask me about
 * new watchers" off, after which someone new who adds the user is allowed without a request.
 */
class SettingsEndToEndTest {

    private static final String ROMEO = "romeo@hotmail.com";

    private static List<AccountSpec> accounts() {
        return List.of(AccountSpec.of(ROMEO, "romeo-pw", "Romeo").withContacts("bob@hotmail.com"),
                AccountSpec.of("bob@hotmail.com", "bob-pw", "Bob").withContacts(ROMEO),
                AccountSpec.of("frank@hotmail.com", "frank-pw", "Frank"));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void theUserRenamesThemselvesAndStopsBeingAskedAboutNewWatchers(ServerKind server) throws Exception {
        try (BridgeHarness bridge = server.start(accounts(), List.of("localhost"))) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo", ROMEO, "romeo-pw");
            try (MsnPeer bob = new MsnPeer(bridge, "bob@hotmail.com", "bob-pw")) {
                AdHocCommandManager commands = AdHocCommandManager.getAddHocCommandsManager(romeo.client);
                assertThat(commands.discoverCommands(bridge.transportJid).getItems())
                        .extracting(DiscoverItems.Item::getName).containsExactly("Settings");

                RemoteCommand settings = commands.getRemoteCommand(bridge.transportJid, SettingsCommand.NODE);
                settings.execute();
                assertThat(settings.getForm().getField(SettingsForm.NAME).getFirstValue()).isEqualTo("Romeo");
                FillableForm rename = new FillableForm(settings.getForm());
                rename.setAnswer(SettingsForm.NAME, "Romeo Montague ♥");
                settings.complete(rename);

                assertThat(settings.getNotes()).extracting(AdHocCommandNote::getValue)
                        .containsExactly("Your MSN settings are saved.");
                assertThat(bridge.msn.accounts().find(ROMEO).nick()).isEqualTo("Romeo Montague ♥");
                await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.session.contactList().contact(ROMEO)
                        .map(Contact::friendlyName).orElse(""), "Romeo Montague ♥"::equals);
            }

            DataForm form = registrationForm(bridge, romeo);
            assertThat(form.getField(SettingsForm.NAME).getFirstValue()).isEqualTo("Romeo Montague ♥");
            assertThat(form.getField(SettingsForm.ASK).getFirstValue()).isIn("1", "true");
            FillableForm privacy = new FillableForm(form);
            privacy.setAnswer("username", ROMEO);
            privacy.setAnswer("password", "romeo-pw");
            privacy.setAnswer(SettingsForm.VISIBILITY, SettingsForm.ALLOWED_ONLY);
            privacy.setAnswer(SettingsForm.ASK, false);
            Registration submit = new Registration(Map.of());
            submit.addExtension(privacy.getDataFormToSubmit());
            submit.setType(IQ.Type.set);
            submit.setTo(bridge.transportJid);
            romeo.client.createStanzaCollectorAndSend(submit).nextResultOrThrow(BridgeHarness.TIMEOUT.toMillis());
            assertThat(bridge.msn.accounts().find(ROMEO).privacy()).isEqualTo(PrivacyMode.BL);
            assertThat(bridge.msn.accounts().find(ROMEO).prompt()).isEqualTo(ReversePrompt.N);

            // only those romeo allowed see him now: frank does once the bridge allowed him, unasked
            try (MsnPeer frank = new MsnPeer(bridge, "frank@hotmail.com", "frank-pw")) {
                frank.session.addContact(ListType.FL, ROMEO, "Romeo", null).toCompletableFuture()
                        .get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

                await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.msn.listOf(ROMEO, ListType.AL)
                        .contains("frank@hotmail.com"));
                await().atMost(BridgeHarness.TIMEOUT).until(() -> frank.statuses.get(ROMEO) == MsnStatus.NLN);
                assertThat(romeo.presences).noneMatch(XmppUser.from(romeo.contact("frank@hotmail.com"),
                        Presence.Type.subscribe)::test);
            }
        }
    }

    private static DataForm registrationForm(BridgeHarness bridge, XmppUser user) throws Exception {
        Registration get = new Registration(Map.of());
        get.setType(IQ.Type.get);
        get.setTo(bridge.transportJid);
        Registration answer = user.client.createStanzaCollectorAndSend(get).nextResultOrThrow(BridgeHarness.TIMEOUT.toMillis());
        return DataForm.from(answer);
    }
}
