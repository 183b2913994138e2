package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpEncoder;
import org.junit.jupiter.api.Test;

/** The logged-in notification session: presence, challenges, keepalive, notices, and how it ends (reference §4, §6, §16.3 (c)). */
class NotificationSessionTest extends ClientTestSupport {

    static final String NEW_EMAIL = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsemailnotification; charset=UTF-8\r\n\r\n"
            + "From: Bob\r\nMessage-URL: /cgi-bin/getmsg?msg=MSG1056561700.1&start=1&len=1&curmbox=ACTIVE\r\n"
            + "Post-URL: https://loginnet.passport.com/ppsecure/md5auth.srf?lc=1033\r\nSubject: Hello\r\n"
            + "Dest-Folder: ACTIVE\r\nFrom-Addr: bob@hotmail.com\r\nid: 2\r\n\r\n";
    static final String SYSTEM_MESSAGE = "MIME-Version: 1.0\r\nContent-Type: application/x-msmsgssystemmessage\r\n\r\n"
            + "Type: 1\r\nArg1: 5\r\n";

    @Test
    void challengeIsAnsweredAtOnceWithTheExactQry() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("CHL 0 20881396011366812350");

        MsnpCommand qry = li.ns().expect("QRY");
        assertThat(new String(MsnpEncoder.toBytes(qry), StandardCharsets.US_ASCII))
                .isEqualTo("QRY 6 msmsgs@msnmsgr.com 32\r\n0212eaad0876afb8505859ca75d21a78");
        li.ns().send("QRY 6");
        assertThat(li.session().isConnected()).isTrue();
    }

    @Test
    void firstStatusChangeBringsInitialPresenceThenChanges() throws Exception {
        LoggedIn li = loggedIn("bob@hotmail.com", "carol@hotmail.com");
        CompletionStage<Void> online = li.session().changeStatus(MsnStatus.NLN);
        li.ns().expectLine("CHG 6 NLN");
        li.ns().send("CHG 6 NLN", "ILN 6 NLN bob@hotmail.com Bob", "ILN 6 AWY carol@hotmail.com Carol%20C");
        await(online);
        assertThat(li.session().status()).isEqualTo(MsnStatus.NLN);

        li.ns().send("NLN AWY bob@hotmail.com Bob", "NLN NLN bob@hotmail.com Bobby", "FLN bob@hotmail.com");

        assertThat(List.of(events.await(RecordingListener.Presence.class), events.await(RecordingListener.Presence.class),
                events.await(RecordingListener.Presence.class), events.await(RecordingListener.Presence.class),
                events.await(RecordingListener.Presence.class))).containsExactly(
                new RecordingListener.Presence("bob@hotmail.com", MsnStatus.NLN, "Bob"),
                new RecordingListener.Presence("carol@hotmail.com", MsnStatus.AWY, "Carol C"),
                new RecordingListener.Presence("bob@hotmail.com", MsnStatus.AWY, "Bob"),
                new RecordingListener.Presence("bob@hotmail.com", MsnStatus.NLN, "Bobby"),
                new RecordingListener.Presence("bob@hotmail.com", MsnStatus.FLN, "Bobby"));
    }

    @Test
    void presenceUpdatesTheContactList() throws Exception {
        CompletionStage<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        long t = ns.expect("SYN").trId();
        ns.send("SYN " + t + " 2", "LST " + t + " FL 2 1 1 bob@hotmail.com Bob 0", "LST " + t + " RL 2 0 0");
        NotificationSession session = await(login);

        ns.send("NLN BRB bob@hotmail.com Bobby");
        events.await(RecordingListener.Presence.class);
        Contact bob = session.contactList().contact("bob@hotmail.com").orElseThrow();
        assertThat(bob.status()).isEqualTo(MsnStatus.BRB);
        assertThat(bob.friendlyName()).isEqualTo("Bobby");
    }

    @Test
    void friendlyNameChangeIsEncodedAndConfirmed() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<Void> renamed = li.session().setFriendlyName("Alice in Wonderland");
        li.ns().expectLine("REA 6 alice@hotmail.com Alice%20in%20Wonderland");
        li.ns().send("REA 6 13 alice@hotmail.com Alice%20in%20Wonderland");

        await(renamed);
        assertThat(li.session().friendlyName()).isEqualTo("Alice in Wonderland");
        assertThat(li.session().contactList().version()).isEqualTo(13);
    }

    @Test
    void refusedStatusChangeFails() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<Void> offline = li.session().changeStatus(MsnStatus.FLN);
        li.ns().send("201 " + li.ns().expectLine("CHG 6 FLN").trId());

        assertError(offline, 201);
        assertThat(li.session().status()).isEqualTo(MsnStatus.FLN);
    }

    @Test
    void serverChangingOurStatusIsReported() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("CHG 0 HDN");

        assertThat(events.await(RecordingListener.StatusChanged.class).status()).isEqualTo(MsnStatus.HDN);
        assertThat(li.session().status()).isEqualTo(MsnStatus.HDN);
    }

    @Test
    void loggedInElsewhereEndsTheSessionAndFailsWaitingRequests() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<Void> waiting = li.session().changeStatus(MsnStatus.BSY);
        li.ns().expect("CHG");
        li.ns().send("OUT OTH");

        RecordingListener.Disconnected disconnected = events.await(RecordingListener.Disconnected.class);
        assertThat(disconnected.reason()).isEqualTo(DisconnectReason.LOGGED_IN_ELSEWHERE);
        assertThat(disconnected.reason().allowsReconnect()).isFalse();
        Throwable failure = failureOf(waiting);
        assertThat(failure).isInstanceOf(MsnConnectionClosedException.class);
        assertThat(((MsnConnectionClosedException) failure).reason()).isEqualTo(DisconnectReason.LOGGED_IN_ELSEWHERE);
        assertThat(li.session().isConnected()).isFalse();
        li.ns().awaitClosed();
        assertThat(failureOf(li.session().changeStatus(MsnStatus.NLN))).isInstanceOf(MsnConnectionClosedException.class);
    }

    @Test
    void serverShutdownAllowsReconnect() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("OUT SSD");

        DisconnectReason reason = events.await(RecordingListener.Disconnected.class).reason();
        assertThat(reason).isEqualTo(DisconnectReason.SERVER_SHUTDOWN);
        assertThat(reason.allowsReconnect()).isTrue();
    }

    @Test
    void transferWhileLoggedInEndsTheSessionAsTransferred() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("XFR 0 NS 127.0.0.1:1864 0 127.0.0.1:1863");

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.TRANSFERRED);
        li.ns().awaitClosed();
    }

    @Test
    void droppedConnectionIsConnectionLost() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().close();

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.CONNECTION_LOST);
        assertThat(events.all(RecordingListener.Disconnected.class)).as("reported once").isEmpty();
    }

    @Test
    void logoutSendsOutAndEndsAsLoggedOut() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<Void> out = li.session().logout();
        li.ns().expectLine("OUT");

        await(out);
        li.ns().awaitClosed();
        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.LOGGED_OUT);
    }

    @Test
    void malformedLineClosesTheConnectionAsProtocolError() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("this is not msnp");

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
        li.ns().awaitClosed();
    }

    @Test
    void wellFramedButNonsensicalCommandIsAProtocolErrorToo() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("ADD 0 XL 7 bob@hotmail.com Bob");

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void unknownCommandsAreIgnored() throws Exception {
        LoggedIn li = loggedIn("bob@hotmail.com");
        li.ns().send("ZZZ 0 something new");
        li.ns().sendPayload("NOT", "<NOTIFICATION id=\"1\"/>");
        li.ns().send("NLN NLN bob@hotmail.com Bob");

        assertThat(events.await(RecordingListener.Presence.class).handle()).isEqualTo("bob@hotmail.com");
        assertThat(li.session().isConnected()).isTrue();
    }

    @Test
    void emailAndSystemNoticesAreReported() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().sendPayload("MSG Hotmail Hotmail", LoginTest.INITIAL_EMAIL);
        li.ns().sendPayload("MSG Hotmail Hotmail", NEW_EMAIL);
        li.ns().sendPayload("MSG Hotmail Hotmail", SYSTEM_MESSAGE);

        assertThat(events.await(RecordingListener.Email.class).notification()).isEqualTo(new EmailNotification.Initial(1, 0));
        assertThat(events.await(RecordingListener.Email.class).notification())
                .isEqualTo(new EmailNotification.NewMail("Bob", "bob@hotmail.com", "Hello", "ACTIVE"));
        SystemMessage system = events.await(RecordingListener.SystemNotice.class).message();
        assertThat(system).isEqualTo(new SystemMessage(1, "5"));
        assertThat(system.minutesUntilMaintenance()).isEqualTo(5);
    }

    @Test
    void idleSessionPingsAndNoticesADeadServer() throws Exception {
        client(testConfig().pingInterval(Duration.ofMillis(300)).build());
        LoggedIn li = loggedIn();

        li.ns().expectLine("PNG");
        li.ns().send("QNG");
        li.ns().expectLine("PNG");
        // no answer this time

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.CONNECTION_LOST);
        li.ns().awaitClosed();
    }

    @Test
    void listenerExceptionsDoNotBreakTheSession() throws Exception {
        NotificationListener throwing = new NotificationListener() {
            @Override
            public void onContactPresence(String handle, MsnStatus status, String friendlyName) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onAddedBy(String handle, String friendlyName) {
                events.onAddedBy(handle, friendlyName);
            }
        };
        CompletionStage<NotificationSession> login = client().login(ALICE, PASSWORD, server.address(), throwing);
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        serveEmptyLists(ns);
        NotificationSession session = await(login);

        ns.send("NLN NLN bob@hotmail.com Bob", "ADD 0 RL 2 bob@hotmail.com Bob");
        assertThat(events.await(RecordingListener.AddedBy.class).handle()).isEqualTo("bob@hotmail.com");
        assertThat(session.isConnected()).isTrue();
    }

    @Test
    void closingTheClientFromAListenerLogsOutWithoutDeadlock() throws Exception {
        NotificationListener closer = new NotificationListener() {
            @Override
            public void onContactPresence(String handle, MsnStatus status, String friendlyName) {
                client.close();
            }

            @Override
            public void onDisconnected(DisconnectReason reason) {
                events.onDisconnected(reason);
            }
        };
        CompletionStage<NotificationSession> login = client().login(ALICE, PASSWORD, server.address(), closer);
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        serveLists(ns, "bob@hotmail.com");
        await(login);

        ns.send("NLN NLN bob@hotmail.com Bob");
        ns.expectLine("OUT");
        ns.awaitClosed();
        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.LOGGED_OUT);
    }
}
