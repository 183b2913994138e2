package org.imbridge.xmpp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.imbridge.core.cluster.Membership;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.xmpp.gateway.FakeNetwork;
import org.imbridge.xmpp.gateway.RecordingSink;
import org.imbridge.xmpp.gateway.Stanzas;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0050 commands for admins; forbidden for everyone else; stanzas not for them pass on. */
class AdminCommandsTest {

    private static final String ADMIN = "boss@example.org";
    /** Clients send the form's hidden FORM_TYPE back; Smack parses the fields' types by it. */
    private static final String FORM_TYPE = "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin"
            + "</value></field>";
    private final RecordingSink sink = new RecordingSink();
    private final FakeControl control = new FakeControl();
    private final AdminCommands commands = new AdminCommands(JidCreate.domainBareFromOrThrowUnchecked("msn.example.org"),
            () -> Set.of(ADMIN), control, sink, Runnable::run);

    @Test
    void adminsSeeTheCommandsOthersSeeNone() {
        assertThat(commands.accept(Stanzas.parse("<iq type='get' id='1' from='boss@example.org/pc' to='msn.example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/></iq>")))
                .isTrue();
        DiscoverItems items = (DiscoverItems) sink.last();
        assertThat(items.getItems()).extracting(DiscoverItems.Item::getName)
                .containsExactly("Online users", "Statistics", "Announce to online users", "Disconnect a user",
                        "Remove a user", "Reload configuration");
        commands.accept(Stanzas.parse("<iq type='get' id='2' from='eve@example.org/pc' to='msn.example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/></iq>"));
        assertThat(((DiscoverItems) sink.last()).getItems()).isEmpty();
    }

    @Test
    void aCommandNodeDescribesItself() {
        commands.accept(Stanzas.parse("<iq type='get' id='1' from='boss@example.org/pc' to='msn.example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info' node='urn:imbridge:admin#statistics'/></iq>"));
        DiscoverInfo info = (DiscoverInfo) sink.last();
        assertThat(info.getIdentities()).anySatisfy(id -> assertThat(id.getType()).isEqualTo("command-node"));
        assertThat(info.containsFeature(AdminCommands.NAMESPACE)).isTrue();
    }

    @Test
    void nonAdminsAreForbidden() {
        commands.accept(execute("eve@example.org/pc", "urn:imbridge:admin#statistics"));
        IQ error = (IQ) sink.last();
        assertThat(error.getType()).isEqualTo(IQ.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        assertThat(control.reloads).isZero();
    }

    @Test
    void statisticsShowUsersTrafficAndUptime() {
        commands.accept(execute("boss@example.org/pc", "urn:imbridge:admin#statistics"));
        AdHocCommandData result = (AdHocCommandData) sink.last();
        assertThat(result.getStatus()).isEqualTo(AdHocCommand.Status.completed);
        assertThat(result.getSessionID()).as("XEP-0050: every answer names a session").isNotBlank();
        DataForm form = result.getForm();
        assertThat(form.getField("registeredusersnum").getFirstValue()).isEqualTo("7");
        assertThat(form.getField("onlineusersnum").getFirstValue()).isEqualTo("1");
        assertThat(form.getField("activeusersnum").getFirstValue()).isEqualTo("2");
        assertThat(form.getField("messages-in-per-minute").getFirstValue()).isEqualTo("12");
        assertThat(form.getField("messages-out-per-minute").getFirstValue()).isEqualTo("34");
        assertThat(form.getField("messages-in-per-minute").getLabel())
                .isEqualTo("Messages per minute on this instance, XMPP to FakeNet");
        assertThat(form.getField("messages-out-per-minute").getLabel())
                .isEqualTo("Messages per minute on this instance, FakeNet to XMPP");
        assertThat(form.getField("uptime").getFirstValue()).isEqualTo("1d 02:03:04");
    }

    @Test
    void aLoneTransportIsItsWholeDeployment() {
        commands.accept(execute("boss@example.org/pc", "urn:imbridge:admin#statistics"));
        DataForm form = ((AdHocCommandData) sink.last()).getForm();
        assertThat(form.getField("instancesnum").getFirstValue()).isEqualTo("1");
        assertThat(form.getField("deployment-sessions").getFirstValue()).isEqualTo("2");
        assertThat(form.getField("instances").getValuesAsString()).singleElement().asString()
                .startsWith("local: 2 users with a session, up since ").endsWith(" (this instance)");
    }

    @Test
    void statisticsSayWhichInstanceAnswersAndWhatEveryLiveInstanceHolds() {
        AdminCommands second = severalInstances();

        second.accept(execute("boss@example.org/pc", "urn:imbridge:admin#statistics"));

        DataForm form = ((AdHocCommandData) sink.last()).getForm();
        assertThat(form.getTitle()).isEqualTo("Transport statistics, answered by instance msn-b");
        assertThat(form.getField("instance").getFirstValue()).isEqualTo("msn-b");
        assertThat(form.getField("registeredusersnum").getFirstValue()).as("the store is shared").isEqualTo("7");
        assertThat(form.getField("deployment-sessions").getFirstValue()).isEqualTo("45");
        assertThat(form.getField("instancesnum").getFirstValue()).isEqualTo("3");
        assertThat(form.getField("instances").getValuesAsString()).containsExactly(
                "msn-a: 30 users with a session, up since 2026-12-04T08:00:00Z",
                "msn-b: 2 users with a session, up since 2026-12-04T09:30:00Z (this instance)",
                "msn-c: 13 users with a session, up since 2026-12-04T10:00:00Z");
        assertThat(form.getField("activeusersnum").getFirstValue()).as("this instance's own").isEqualTo("2");
        assertThat(form.getField("onlineusersnum").getLabel()).isEqualTo("Online users on this instance");
    }

    @Test
    void onlineUsersAreThoseOfTheAnsweringInstanceWithTheDeploymentsCounts() {
        AdminCommands second = severalInstances();

        second.accept(execute("boss@example.org/pc", "http://jabber.org/protocol/admin#get-online-users-list"));

        DataForm form = ((AdHocCommandData) sink.last()).getForm();
        assertThat(form.getTitle()).isEqualTo("2 users with a session on instance msn-b, 45 in the whole deployment");
        assertThat(form.getField("instance").getFirstValue()).isEqualTo("msn-b");
        assertThat(form.getField("onlineuserjids").getValuesAsString()).containsExactly("a@example.org", "b@example.org");
        assertThat(form.getField("deployment-count").getFirstValue()).isEqualTo("45");
        assertThat(form.getField("instances").getValuesAsString()).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("msn-c: 13 users with a session"));
    }

    @Test
    void theDeploymentIsReadAgainForEveryCommand() {
        List<Membership> seen = new ArrayList<>(List.of(membership(30, 2, 13)));
        AdminCommands second = new AdminCommands(JidCreate.domainBareFromOrThrowUnchecked("msn.example.org"),
                () -> Set.of(ADMIN), control, sink, Runnable::run, null, "msn-b", () -> seen.get(seen.size() - 1));
        second.accept(execute("boss@example.org/pc", "urn:imbridge:admin#statistics"));
        assertThat(((AdHocCommandData) sink.last()).getForm().getField("instancesnum").getFirstValue()).isEqualTo("3");

        // msn-a is gone: its users are back on the other two
        seen.add(new Membership(List.of(member("msn-b", 9, 30, 17), member("msn-c", 10, 0, 28))));
        second.accept(execute("boss@example.org/pc", "urn:imbridge:admin#statistics"));

        DataForm form = ((AdHocCommandData) sink.last()).getForm();
        assertThat(form.getField("instancesnum").getFirstValue()).isEqualTo("2");
        assertThat(form.getField("deployment-sessions").getFirstValue()).isEqualTo("45");
        assertThat(form.getField("instances").getValuesAsString()).noneMatch(line -> line.startsWith("msn-a"));
    }

    private AdminCommands severalInstances() {
        return new AdminCommands(JidCreate.domainBareFromOrThrowUnchecked("msn.example.org"), () -> Set.of(ADMIN),
                control, sink, Runnable::run, null, "msn-b", () -> membership(30, 2, 13));
    }

    private static Membership membership(int a, int b, int c) {
        return new Membership(List.of(member("msn-a", 8, 0, a), member("msn-b", 9, 30, b), member("msn-c", 10, 0, c)));
    }

    private static Membership.Member member(String name, int hour, int minute, int sessions) {
        return new Membership.Member(name, Instant.parse("2026-12-04T00:00:00Z").plus(Duration.ofHours(hour))
                .plus(Duration.ofMinutes(minute)).plusMillis(250), sessions);
    }

    @Test
    void onlineUsersAreListedWithTheirState() {
        commands.accept(execute("boss@example.org/pc", "http://jabber.org/protocol/admin#get-online-users-list"));
        DataForm form = ((AdHocCommandData) sink.last()).getForm();
        assertThat(form.getField("onlineuserjids").getValuesAsString()).containsExactly("a@example.org", "b@example.org");
        assertThat(form.getField("states").getValuesAsString()).contains("b@example.org: CONNECTING");
    }

    @Test
    void announceAsksForTheTextThenSendsIt() {
        commands.accept(execute("boss@example.org/pc", "http://jabber.org/protocol/admin#announce"));
        AdHocCommandData first = (AdHocCommandData) sink.last();
        assertThat(first.getStatus()).isEqualTo(AdHocCommand.Status.executing);
        assertThat(first.getSessionID()).isNotBlank();
        assertThat(first.getForm().getField("announcement")).isNotNull();

        commands.accept(Stanzas.parse("<iq type='set' id='2' from='boss@example.org/pc' to='msn.example.org'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#announce'"
                + " sessionid='" + first.getSessionID() + "' action='complete'><x xmlns='jabber:x:data' type='submit'>" + FORM_TYPE
                + "<field var='announcement'><value>Maintenance at noon</value><value>Back soon</value></field>"
                + "</x></command></iq>"));
        AdHocCommandData done = (AdHocCommandData) sink.last();
        assertThat(done.getStatus()).isEqualTo(AdHocCommand.Status.completed);
        assertThat(done.getNotes()).extracting(AdHocCommandNote::getValue).containsExactly("Sent to 2 users.");
        assertThat(control.announced).containsExactly("Maintenance at noon\nBack soon");

        // the session is used up
        commands.accept(Stanzas.parse("<iq type='set' id='3' from='boss@example.org/pc' to='msn.example.org'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#announce'"
                + " sessionid='" + first.getSessionID() + "' action='complete'/></iq>"));
        assertThat(((IQ) sink.last()).getError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
    }

    @Test
    void anotherUserCannotFinishAnAdminsSession() {
        commands.accept(execute("boss@example.org/pc", "http://jabber.org/protocol/admin#announce"));
        String session = ((AdHocCommandData) sink.last()).getSessionID();
        commands.accept(Stanzas.parse("<iq type='set' id='2' from='eve@example.org/pc' to='msn.example.org'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#announce'"
                + " sessionid='" + session + "' action='complete'/></iq>"));
        assertThat(((IQ) sink.last()).getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        assertThat(control.announced).isEmpty();
    }

    @Test
    void cancelEndsTheSession() {
        commands.accept(execute("boss@example.org/pc", "http://jabber.org/protocol/admin#end-user-session"));
        String session = ((AdHocCommandData) sink.last()).getSessionID();
        commands.accept(Stanzas.parse("<iq type='set' id='2' from='boss@example.org/pc' to='msn.example.org'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#end-user-session'"
                + " sessionid='" + session + "' action='cancel'/></iq>"));
        assertThat(((AdHocCommandData) sink.last()).getStatus()).isEqualTo(AdHocCommand.Status.canceled);
        assertThat(control.disconnected).isEmpty();
    }

    @Test
    void disconnectLogsUsersOutAndSaysWhoHadNoSession() {
        commands.accept(execute("boss@example.org/pc", "http://jabber.org/protocol/admin#end-user-session"));
        AdHocCommandData ask = (AdHocCommandData) sink.last();
        assertThat(ask.getForm().getInstructions()).containsExactly("The users to log out of FakeNet (bare JIDs).");
        String session = ask.getSessionID();
        commands.accept(Stanzas.parse("<iq type='set' id='2' from='boss@example.org/pc' to='msn.example.org'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#end-user-session'"
                + " sessionid='" + session + "'><x xmlns='jabber:x:data' type='submit'>" + FORM_TYPE + "<field var='accountjids'>"
                + "<value>a@example.org/phone</value><value>z@example.org</value></field></x></command></iq>"));
        AdHocCommandData done = (AdHocCommandData) sink.last();
        assertThat(done.getNotes().get(0).getValue()).isEqualTo("Disconnected: a@example.org. No session: z@example.org.");
        assertThat(control.disconnected).containsExactly("a@example.org");
    }

    @Test
    void removeUserRemovesNormalisedJidsAndSaysWhoWasNotRegistered() {
        commands.accept(execute("boss@example.org/pc", "http://jabber.org/protocol/admin#delete-user"));
        AdHocCommandData ask = (AdHocCommandData) sink.last();
        assertThat(ask.getStatus()).isEqualTo(AdHocCommand.Status.executing);
        assertThat(ask.getForm().getField("accountjids")).isNotNull();
        assertThat(ask.getForm().getInstructions().get(0)).contains("FakeNet registration");

        commands.accept(submit(ask.getSessionID(), "http://jabber.org/protocol/admin#delete-user", "accountjids",
                "<value>A@Example.ORG</value><value>z@example.org</value>"));

        AdHocCommandData done = (AdHocCommandData) sink.last();
        assertThat(done.getStatus()).isEqualTo(AdHocCommand.Status.completed);
        assertThat(done.getNotes().get(0).getValue()).isEqualTo("Removed: a@example.org. Not registered: z@example.org.");
        assertThat(control.removed).containsExactly("a@example.org", "z@example.org");
    }

    @Test
    void removeUserRefusesWhatIsNotAUsersBareJidAndRemovesNobody() {
        for (String bad : new String[] {"a@example.org/phone", "example.org"}) {
            commands.accept(execute("boss@example.org/pc", "http://jabber.org/protocol/admin#delete-user"));
            String session = ((AdHocCommandData) sink.last()).getSessionID();
            commands.accept(submit(session, "http://jabber.org/protocol/admin#delete-user", "accountjids",
                    "<value>a@example.org</value><value>" + bad + "</value>"));
            AdHocCommandNote note = ((AdHocCommandData) sink.last()).getNotes().get(0);
            assertThat(note.getType()).as(bad).isEqualTo(AdHocCommandNote.Type.error);
            assertThat(note.getValue()).as(bad).isEqualTo("'" + bad + "' is not a user's bare JID (user@domain); "
                    + "nobody was removed.");
        }
        assertThat(control.removed).isEmpty();
    }

    @Test
    void reloadReportsWhatChangedOrWhyItWasRefused() {
        commands.accept(execute("boss@example.org/pc", "urn:imbridge:admin#reload-config"));
        assertThat(((AdHocCommandData) sink.last()).getNotes().get(0).getValue()).isEqualTo("Reloaded: admins changed");
        control.reloadFails = true;
        commands.accept(execute("boss@example.org/pc", "urn:imbridge:admin#reload-config"));
        AdHocCommandNote note = ((AdHocCommandData) sink.last()).getNotes().get(0);
        assertThat(note.getType()).isEqualTo(AdHocCommandNote.Type.error);
        assertThat(note.getValue()).contains("the running configuration stays").contains("limits.max-users");
    }

    @Test
    void anUnknownNodeIsNotFoundAndOtherStanzasPassOn() {
        commands.accept(execute("boss@example.org/pc", "urn:imbridge:admin#nope"));
        assertThat(((IQ) sink.last()).getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(commands.accept(Stanzas.parse("<iq type='get' id='9' from='boss@example.org/pc' to='msn.example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>"))).isFalse();
        assertThat(commands.accept(Stanzas.parse("<message xmlns='jabber:client' from='boss@example.org/pc' to='a%hotmail.com@msn.example.org'>"
                + "<body>hi</body></message>"))).isFalse();
    }

    private static IQ submit(String session, String node, String field, String values) {
        return Stanzas.parse("<iq type='set' id='2' from='boss@example.org/pc' to='msn.example.org'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='" + node + "' sessionid='" + session
                + "'><x xmlns='jabber:x:data' type='submit'>" + FORM_TYPE + "<field var='" + field + "'>" + values
                + "</field></x></command></iq>");
    }

    private static IQ execute(String from, String node) {
        return Stanzas.parse("<iq type='set' id='1' from='" + from + "' to='msn.example.org'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='" + node + "' action='execute'/></iq>");
    }

    private static final class FakeControl implements TransportControl {
        final List<String> announced = new ArrayList<>();
        final List<String> disconnected = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        int reloads;
        boolean reloadFails;

        @Override
        public NetworkProfile network() {
            return FakeNetwork.PROFILE;
        }

        @Override
        public List<ActiveUser> activeUsers() {
            return List.of(new ActiveUser("a@example.org", "ONLINE"), new ActiveUser("b@example.org", "CONNECTING"));
        }

        @Override
        public int registeredUsers() {
            return 7;
        }

        @Override
        public Traffic traffic() {
            return new Traffic(12, 34);
        }

        @Override
        public Duration uptime() {
            return Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4);
        }

        @Override
        public int announce(String text) {
            announced.add(text);
            return 2;
        }

        @Override
        public boolean disconnect(String userJid, String why) {
            if (userJid.equals("a@example.org")) {
                disconnected.add(userJid);
                return true;
            }
            return false;
        }

        @Override
        public boolean removeUser(String userJid) {
            removed.add(userJid);
            return userJid.equals("a@example.org");
        }

        @Override
        public String reloadConfig() throws Exception {
            reloads++;
            if (reloadFails) {
                throw new Exception("transport.yaml: key 'limits.max-users' must be a positive number");
            }
            return "Reloaded: admins changed";
        }
    }
}
