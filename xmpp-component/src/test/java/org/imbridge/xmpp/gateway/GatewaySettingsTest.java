package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.AccountSettings.Visibility;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.session.LinkState;
import org.imbridge.xmpp.admin.AdminCommands;
import org.imbridge.xmpp.admin.TransportControl;
import org.imbridge.xmpp.gateway.settings.SettingsCommand;
import org.imbridge.xmpp.gateway.settings.SettingsForm;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The user's own name and privacy: in the registration form and as the "Settings" ad-hoc command. */
class GatewaySettingsTest {

    private static final String ROMEO = "romeo@localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String COMMANDS = "<query xmlns='http://jabber.org/protocol/disco#items'"
            + " node='http://jabber.org/protocol/commands'/>";

    private final GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions());
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;
    private final AdminCommands commands = new AdminCommands(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost"),
            () -> Set.of("boss@localhost"), new NoControl(), sink, Runnable::run, gateway.settingsCommand());

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    // ---- the registration form ----

    @Test
    void aRegisteredUserOnlineFindsTheirSettingsInTheForm() {
        FakeSession session = romeoOnline();
        session.settings = new AccountSettings("Romeo Montague", Visibility.ALLOWED_ONLY, false);

        DataForm form = DataForm.from((org.jivesoftware.smackx.iqregister.packet.Registration) ask(
                "<query xmlns='jabber:iq:register'/>", "r1"));

        assertThat(form.getField("username").getFirstValue()).isEqualTo("romeo@fakenet.example");
        assertThat(form.getField(SettingsForm.NAME).getFirstValue()).isEqualTo("Romeo Montague");
        assertThat(form.getField(SettingsForm.NAME).getLabel()).isEqualTo("Your name on FakeNet");
        assertThat(form.getField(SettingsForm.VISIBILITY).getType()).isEqualTo(FormField.Type.list_single);
        assertThat(form.getField(SettingsForm.VISIBILITY).getFirstValue()).isEqualTo(SettingsForm.ALLOWED_ONLY);
        assertThat(form.getField(SettingsForm.ASK).getType()).isEqualTo(FormField.Type.bool);
        assertThat(form.getField(SettingsForm.ASK).getFirstValue()).isIn("0", "false");
    }

    @Test
    void aRegisteredUserOfflineFindsNoSettingsInTheForm() {
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));

        DataForm form = DataForm.from((org.jivesoftware.smackx.iqregister.packet.Registration) ask(
                "<query xmlns='jabber:iq:register'/>", "r1"));

        assertThat(form.getField("username").getFirstValue()).isEqualTo("romeo@fakenet.example");
        assertThat(form.getField(SettingsForm.NAME)).isNull();
    }

    @Test
    void submittingTheFormWithChangedSettingsChangesThem() {
        FakeSession session = romeoOnline();

        IQ answer = ask(registerSubmission("romeo@fakenet.example", settingsFields("Romeo M.", "allowed-only", "0")), "s1");

        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(session.settings).isEqualTo(new AccountSettings("Romeo M.", Visibility.ALLOWED_ONLY, false));
        assertThat(session.calls()).containsOnlyOnce("changeSettings " + session.settings);
        assertThat(fixture.store.find(ROMEO, FakeNetwork.ID).orElseThrow().legacyPassword()).isEqualTo("pw");
    }

    @Test
    void submittingTheFormUnchangedChangesNothing() {
        FakeSession session = romeoOnline();

        IQ answer = ask(registerSubmission("romeo@fakenet.example", settingsFields("Romeo", "everyone-not-blocked", "1")), "s1");

        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(session.calls()).noneMatch(c -> c.startsWith("changeSettings"));
    }

    @Test
    void aNameTheNetworkRefusesIsAClearError() {
        FakeSession session = romeoOnline();
        session.changeSettings = wanted -> CompletableFuture.failedFuture(new DeliveryFailure(
                DeliveryFailure.Kind.NOT_ACCEPTABLE, "This name is too long for FakeNet"));

        IQ answer = ask(registerSubmission("romeo@fakenet.example", settingsFields("R".repeat(500), null, null)), "s1");

        assertThat(answer.getType()).isEqualTo(IQ.Type.error);
        assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(answer.getError().getDescriptiveText()).isEqualTo("This name is too long for FakeNet");
        assertThat(session.settings.displayName()).isEqualTo("Romeo");
    }

    @Test
    void anEmptyNameIsRefusedBeforeTheNetworkIsAsked() {
        FakeSession session = romeoOnline();

        IQ answer = ask(registerSubmission("romeo@fakenet.example", settingsFields(" ", null, null)), "s1");

        assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(answer.getError().getDescriptiveText()).isEqualTo("Your name cannot be empty");
        assertThat(session.calls()).noneMatch(c -> c.startsWith("changeSettings"));
    }

    // ---- the ad-hoc command ----

    @Test
    void registeredUsersAndAdminsSeeTheSettingsCommandOthersDoNot() {
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));
        fixture.store.save(Registration.of("boss@localhost", FakeNetwork.ID, "boss@fakenet.example", "pw"));

        assertThat(commandNames(ROMEO)).containsExactly("Settings");
        assertThat(commandNames("boss@localhost")).contains("Statistics", "Settings");
        assertThat(commandNames("eve@localhost")).isEmpty();
    }

    @Test
    void theCommandShowsTheSettingsAndSavesTheSubmittedOnes() {
        FakeSession session = romeoOnline();

        commands.accept(Stanzas.parse("<iq xmlns='jabber:client' type='set' id='c1' from='" + ROMEO + "/r' to='msn.localhost'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='" + SettingsCommand.NODE
                + "' action='execute'/></iq>"));
        AdHocCommandData first = lastCommand("c1");
        assertThat(first.getStatus()).isEqualTo(AdHocCommand.Status.executing);
        assertThat(first.getForm().getField(SettingsForm.NAME).getFirstValue()).isEqualTo("Romeo");
        assertThat(first.getForm().getField(SettingsForm.VISIBILITY).getFirstValue()).isEqualTo(SettingsForm.EVERYONE);

        commands.accept(Stanzas.parse("<iq xmlns='jabber:client' type='set' id='c2' from='" + ROMEO + "/r' to='msn.localhost'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='" + SettingsCommand.NODE + "' sessionid='"
                + first.getSessionID() + "' action='complete'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>urn:imbridge:settings</value></field>"
                + settingsFields("Romeo M.", "everyone-not-blocked", "false") + "</x></command></iq>"));

        AdHocCommandData done = lastCommand("c2");
        assertThat(done.getStatus()).isEqualTo(AdHocCommand.Status.completed);
        assertThat(done.getNotes()).extracting(AdHocCommandNote::getValue).containsExactly("Your FakeNet settings are saved.");
        assertThat(session.settings).isEqualTo(new AccountSettings("Romeo M.", Visibility.EVERYONE_NOT_BLOCKED, false));
    }

    @Test
    void theCommandOfAUserWhoIsOfflineSaysSo() {
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));

        commands.accept(Stanzas.parse("<iq xmlns='jabber:client' type='set' id='c1' from='" + ROMEO + "/r' to='msn.localhost'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='" + SettingsCommand.NODE + "'/></iq>"));

        AdHocCommandData answer = lastCommand("c1");
        assertThat(answer.getStatus()).isEqualTo(AdHocCommand.Status.completed);
        assertThat(answer.getNotes()).singleElement().satisfies(note -> {
            assertThat(note.getType()).isEqualTo(AdHocCommandNote.Type.error);
            assertThat(note.getValue()).isEqualTo("You are not connected to FakeNet; go online first to see or change"
                    + " your settings");
        });
    }

    @Test
    void someoneNotRegisteredMayNotRunTheCommand() {
        commands.accept(Stanzas.parse("<iq xmlns='jabber:client' type='set' id='c1' from='eve@localhost/r' to='msn.localhost'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='" + SettingsCommand.NODE + "'/></iq>"));

        IQ answer = (IQ) sink.last();
        assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
    }

    // ---- helpers ----

    private FakeSession romeoOnline() {
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/r' to='msn.localhost'/>"));
        Awaitility.await().atMost(WAIT).until(() -> gateway.sessions().user(ROMEO)
                .map(u -> u.state() == LinkState.ONLINE).orElse(false));
        sink.clear();
        return fixture.network.session("romeo@fakenet.example").orElseThrow();
    }

    private IQ ask(String query, String id) {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='" + (query.contains("type='submit'") ? "set" : "get")
                + "' id='" + id + "' from='" + ROMEO + "/r' to='msn.localhost'>" + query + "</iq>"));
        return awaitIq(iq -> id.equals(iq.getStanzaId()));
    }

    private static String registerSubmission(String account, String extraFields) {
        return "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>jabber:iq:register</value></field>"
                + "<field var='username'><value>" + account + "</value></field>"
                + "<field var='password'><value>pw</value></field>" + extraFields + "</x></query>";
    }

    private static String settingsFields(String name, String visibility, String ask) {
        return (name == null ? "" : "<field var='displayname'><value>" + name + "</value></field>")
                + (visibility == null ? "" : "<field var='visibility'><value>" + visibility + "</value></field>")
                + (ask == null ? "" : "<field var='askaboutwatchers'><value>" + ask + "</value></field>");
    }

    private List<String> commandNames(String user) {
        String id = "d-" + user;
        commands.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='" + id + "' from='" + user
                + "/r' to='msn.localhost'>" + COMMANDS + "</iq>"));
        DiscoverItems items = (DiscoverItems) awaitIq(iq -> id.equals(iq.getStanzaId()));
        return items.getItems().stream().map(DiscoverItems.Item::getName).toList();
    }

    private AdHocCommandData lastCommand(String id) {
        return (AdHocCommandData) awaitIq(iq -> id.equals(iq.getStanzaId()));
    }

    private IQ awaitIq(Predicate<IQ> match) {
        Predicate<Stanza> isMatch = s -> s instanceof IQ iq && match.test(iq);
        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(isMatch));
        return (IQ) sink.sent().stream().filter(isMatch).findFirst().orElseThrow();
    }

    /** The admin commands' view of the transport, which these tests do not use. */
    private static final class NoControl implements TransportControl {
        @Override
        public NetworkProfile network() {
            return FakeNetwork.PROFILE;
        }

        @Override
        public List<ActiveUser> activeUsers() {
            return List.of();
        }

        @Override
        public int registeredUsers() {
            return 0;
        }

        @Override
        public Traffic traffic() {
            return new Traffic(0, 0);
        }

        @Override
        public Duration uptime() {
            return Duration.ZERO;
        }

        @Override
        public int announce(String text) {
            return 0;
        }

        @Override
        public boolean disconnect(String userJid, String why) {
            return false;
        }

        @Override
        public boolean removeUser(String userJid) {
            return false;
        }

        @Override
        public String reloadConfig() {
            return "";
        }
    }
}
