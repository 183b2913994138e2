package org.imbridge.msn.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.Participant;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.plugin.FakeSwitchboards.FakeSwitchboard;
import org.imbridge.msn.plugin.files.InvitationLink;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;
import org.junit.jupiter.api.Test;

/** {@link Conversations} on fake switchboards: ACK-gated sends, order, reuse, endings, groups, threads. */
class ConversationsTest {

    private static final String BOB = "bob@hotmail.com";
    private static final String CAROL = "carol@hotmail.com";
    private static final MsnPluginSettings SETTINGS = MsnPluginSettings.defaults().withTypingRepeat(Duration.ofHours(1));

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final Conversations.Events events = new Conversations.Events() {
        @Override
        public void message(String handle, String text, String threadId) {
            heard.add(handle + ": " + text + " #" + threadId);
        }

        @Override
        public void typing(String handle) {
            heard.add(handle + " typing");
        }

        @Override
        public void attention(String handle) {
            heard.add(handle + " nudged");
        }

        @Override
        public void unsupported(String handle, String what) {
            heard.add(handle + " sent " + what);
        }

        @Override
        public void invitation(String handle, MimeMessage message, InvitationLink replies) {
            heard.add(handle + " invited");
        }

        @Override
        public void groupStarted(String groupId, List<Participant> participants) {
            heard.add(groupId + " started with " + participants.stream().map(p -> p.address().value()).toList());
        }

        @Override
        public void groupParticipantJoined(String groupId, Participant participant) {
            heard.add(groupId + " joined by " + participant.address().value());
        }

        @Override
        public void groupParticipantLeft(String groupId, String handle, boolean idle) {
            heard.add(groupId + " left by " + handle);
        }

        @Override
        public void groupMessage(String groupId, String handle, String text) {
            heard.add(groupId + " " + handle + ": " + text);
        }

        @Override
        public void groupTyping(String groupId, String handle) {
            heard.add(groupId + " " + handle + " typing");
        }

        @Override
        public void groupEnded(String groupId, String reason) {
            heard.add(groupId + " ended: " + reason);
        }
    };

    @Test
    void aSendCompletesOnlyOnTheAck() {
        FakeSwitchboards ns = new FakeSwitchboards();
        Conversations conversations = new Conversations(ns, events, SETTINGS);

        CompletableFuture<Void> sent = conversations.send(BOB, "hi").toCompletableFuture();
        FakeSwitchboard sb = ns.opened.get(0);
        sb.join(BOB);

        assertThat(sb.sent).singleElement().satisfies(s -> assertThat(s.mode()).isEqualTo(AckMode.A));
        assertThat(sent).isNotDone();
        sb.sent.get(0).ack().complete(null);
        assertThat(sent).isCompleted();
    }

    @Test
    void textWaitsForTheContactAndGoesOutInOrderOnOneSwitchboard() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);

        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(conversations.send(BOB, "m" + i).toCompletableFuture());
        }
        FakeSwitchboard sb = ns.opened.get(0);
        assertThat(sb.sent).isEmpty();
        sb.join(BOB);
        sent.add(conversations.send(BOB, "m5").toCompletableFuture());

        assertThat(ns.opened).hasSize(1);
        assertThat(sb.texts()).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
        assertThat(sent).allMatch(CompletableFuture::isDone);
    }

    @Test
    void aRefusedInvitationFailsTheWaitingTextAndTheNextSendTriesAgain() {
        FakeSwitchboards ns = new FakeSwitchboards();
        Conversations conversations = new Conversations(ns, events, SETTINGS);
        CompletableFuture<Void> first = conversations.send(BOB, "hello?").toCompletableFuture();

        ns.opened.get(0).invited.get(BOB).completeExceptionally(new MsnErrorException(217, "CAL"));

        Throwable failure = MsnFailures.unwrap(catchThrowable(first::join));
        assertThat(failure).isInstanceOfSatisfying(DeliveryFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE);
            assertThat(f.userText()).isEqualTo(BOB + " is offline; the message was not delivered");
        });
        assertThat(ns.opened.get(0).isOpen()).isFalse();
        conversations.send(BOB, "now?");
        assertThat(ns.opened).hasSize(2);
        assertThat(conversations.size()).isEqualTo(1);
    }

    @Test
    void whenTheContactLeavesTheSwitchboardIsLeftAndTheNextSendOpensAnother() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);
        conversations.send(BOB, "one");
        FakeSwitchboard first = ns.opened.get(0);
        first.join(BOB);

        first.listener.onParticipantLeft(BOB, false);

        assertThat(first.isOpen()).isFalse();
        assertThat(conversations.size()).isZero();
        conversations.send(BOB, "two");
        assertThat(ns.opened).hasSize(2);
    }

    @Test
    void aConversationSomeoneElseJoinsBecomesAGroupAndTakesNoMoreOneToOneText() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);
        conversations.send(BOB, "one");
        FakeSwitchboard group = ns.opened.get(0);
        group.join(BOB);
        group.listener.onMessage(BOB, "Bob", MimeMessage.text("still just us"));

        group.join(CAROL);
        group.listener.onMessage(CAROL, "Carol", MimeMessage.text("hi all"));
        conversations.send(BOB, "only for bob");

        assertThat(group.texts()).containsExactly("one");
        assertThat(ns.opened).hasSize(2);
        assertThat(heard).hasSize(3);
        assertThat(heard.get(0)).startsWith(BOB + ": still just us #msn-sb-");
        assertThat(heard.get(1)).matches("chat\\w+ started with \\[" + BOB + ", " + CAROL + "\\]");
        String groupId = heard.get(1).substring(0, heard.get(1).indexOf(' '));
        assertThat(heard.get(2)).isEqualTo(groupId + " " + CAROL + ": hi all");
        assertThat(conversations.groupCount()).isOne();
    }

    @Test
    void aGroupTakesGroupTextAndEndsWhenItsSwitchboardCloses() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);
        conversations.send(BOB, "one");
        FakeSwitchboard sb = ns.opened.get(0);
        sb.join(BOB);
        sb.join(CAROL);
        String groupId = heard.get(0).substring(0, heard.get(0).indexOf(' '));

        CompletableFuture<Void> sent = conversations.sendToGroup(groupId, "to you both").toCompletableFuture();
        sb.participants.remove(CAROL);
        sb.listener.onParticipantLeft(CAROL, false);
        sb.participants.clear();
        sb.close();

        assertThat(sent).isCompleted();
        assertThat(sb.texts()).containsExactly("one", "to you both");
        assertThat(heard).containsExactly(groupId + " started with [" + BOB + ", " + CAROL + "]",
                groupId + " left by " + CAROL, groupId + " ended: Everyone else left the conversation");
        assertThat(kindOf(conversations.sendToGroup(groupId, "anyone?").toCompletableFuture()))
                .isEqualTo(DeliveryFailure.Kind.NOT_DELIVERED);
        assertThat(conversations.groupCount()).isZero();
    }

    @Test
    void leavingAGroupClosesItsSwitchboardWithoutReportingAnEnd() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);
        CompletableFuture<String> opened = conversations.openGroup(BOB).toCompletableFuture();
        FakeSwitchboard sb = ns.opened.get(0);
        sb.join(BOB);
        String groupId = opened.join();

        conversations.leave(groupId);
        conversations.leave(groupId);

        assertThat(sb.isOpen()).isFalse();
        assertThat(heard).containsExactly(groupId + " started with [" + BOB + "]");
    }

    @Test
    void loggingOutEndsEveryGroupWithTheReason() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);
        CompletableFuture<String> opened = conversations.openGroup(BOB).toCompletableFuture();
        ns.opened.get(0).join(BOB);
        String groupId = opened.join();

        conversations.closeAll("You logged out of MSN");

        assertThat(heard).endsWith(groupId + " ended: You logged out of MSN");
    }

    @Test
    void anInvitationIntoAnUnknownGroupFails() {
        Conversations conversations = new Conversations(FakeSwitchboards.acknowledging(), events, SETTINGS);

        assertThat(kindOf(conversations.invite("chat404", CAROL).toCompletableFuture()))
                .isEqualTo(DeliveryFailure.Kind.NOT_DELIVERED);
    }

    @Test
    void typingIsThrottledUntilTheNextMessageAndWaitsForTheContact() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);

        conversations.typing(BOB);
        FakeSwitchboard sb = ns.opened.get(0);
        assertThat(sb.typingNotices).hasValue(0);
        sb.join(BOB);
        assertThat(sb.typingNotices).hasValue(1);
        conversations.typing(BOB);
        assertThat(sb.typingNotices).hasValue(1);
        conversations.send(BOB, "there");
        conversations.typing(BOB);
        assertThat(sb.typingNotices).hasValue(2);
    }

    @Test
    void closingAllFailsWaitingTextAndLaterSends() {
        FakeSwitchboards ns = new FakeSwitchboards();
        Conversations conversations = new Conversations(ns, events, SETTINGS);
        CompletableFuture<Void> waiting = conversations.send(BOB, "hi").toCompletableFuture();

        conversations.closeAll("The MSN session ended");

        assertThat(kindOf(waiting)).isEqualTo(DeliveryFailure.Kind.SESSION_DOWN);
        assertThat(kindOf(conversations.send(BOB, "later").toCompletableFuture())).isEqualTo(DeliveryFailure.Kind.SESSION_DOWN);
        assertThat(ns.opened.get(0).isOpen()).isFalse();
    }

    @Test
    void tooManyWaitingMessagesAreRefused() {
        Conversations conversations = new Conversations(new FakeSwitchboards(), events,
                new MsnPluginSettings(Duration.ofSeconds(6), Duration.ofSeconds(4), 2));
        conversations.send(BOB, "1");
        conversations.send(BOB, "2");

        assertThat(kindOf(conversations.send(BOB, "3").toCompletableFuture())).isEqualTo(DeliveryFailure.Kind.NOT_DELIVERED);
    }

    /**
     * Threads sending to the same contacts while switchboards open and contacts join on other threads:
     * nothing is lost or duplicated, every sender's messages stay in order, one switchboard per contact.
     */
    @Test
    void concurrentSendersKeepTheirOrderAndLoseNothing() throws Exception {
        ExecutorService opener = Executors.newSingleThreadExecutor();
        ExecutorService joiner = Executors.newSingleThreadExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            FakeSwitchboards ns = new FakeSwitchboards(true,
                    sb -> CompletableFuture.supplyAsync(() -> (SwitchboardSession) sb, opener), joiner);
            Conversations conversations = new Conversations(ns, events,
                    new MsnPluginSettings(Duration.ofSeconds(6), Duration.ofSeconds(4), 1000));
            List<String> contacts = List.of("a@x.org", "b@x.org", "c@x.org");
            int perSender = 150;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> all = new CopyOnWriteArrayList<>();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int sender = t;
                running.add(senders.submit(() -> {
                    go.await();
                    for (int i = 0; i < perSender; i++) {
                        all.add(conversations.send(contacts.get(i % contacts.size()), sender + ":" + i).toCompletableFuture());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : running) {
                f.get(10, TimeUnit.SECONDS);
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(ns.opened).hasSize(contacts.size());
            List<String> delivered = ns.opened.stream().flatMap(sb -> sb.texts().stream()).toList();
            assertThat(delivered).hasSize(4 * perSender).doesNotHaveDuplicates();
            for (FakeSwitchboard sb : ns.opened) {
                Map<String, List<Integer>> bySender = sb.texts().stream().collect(Collectors.groupingBy(
                        s -> s.substring(0, s.indexOf(':')),
                        Collectors.mapping(s -> Integer.parseInt(s.substring(s.indexOf(':') + 1)), Collectors.toList())));
                bySender.values().forEach(order -> assertThat(order).isSorted());
            }
        } finally {
            senders.shutdownNow();
            opener.shutdownNow();
            joiner.shutdownNow();
        }
    }

    private static DeliveryFailure.Kind kindOf(CompletableFuture<Void> f) {
        Throwable t = MsnFailures.unwrap(catchThrowable(f::join));
        assertThat(t).isInstanceOf(DeliveryFailure.class);
        return ((DeliveryFailure) t).kind();
    }

    @Test
    void aNudgeWaitsForTheContactLikeTextAndKeepsItsPlaceInOrder() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);

        CompletableFuture<Void> text = conversations.send(BOB, "look").toCompletableFuture();
        CompletableFuture<Void> nudge = conversations.nudge(BOB).toCompletableFuture();
        FakeSwitchboard sb = ns.opened.get(0);
        assertThat(nudge).isNotDone();
        sb.join(BOB);

        assertThat(sb.texts()).containsExactly("look", FakeSwitchboard.NUDGE);
        assertThat(sb.sent.get(1).mode()).isEqualTo(AckMode.A);
        assertThat(text).isCompleted();
        assertThat(nudge).isCompleted();
        assertThat(ns.opened).hasSize(1);
    }

    @Test
    void nudgesAndUnsupportedContentFromTheContactAreReported() {
        FakeSwitchboards ns = FakeSwitchboards.acknowledging();
        Conversations conversations = new Conversations(ns, events, SETTINGS);
        conversations.send(BOB, "hi");
        FakeSwitchboard sb = ns.opened.get(0);
        sb.join(BOB);

        sb.listener.onNudge(BOB);
        sb.listener.onUnsupported(BOB, "a wink");

        assertThat(heard).containsExactly(BOB + " nudged", BOB + " sent a wink");
    }
}
