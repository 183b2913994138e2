package org.imbridge.xmpp.gateway.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.imbridge.xmpp.gateway.RecordingSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class IqRequestsTest {

    private final RecordingSink sink = new RecordingSink();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final IqRequests requests = new IqRequests(sink, scheduler, Duration.ofSeconds(5));

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void aResultCompletesTheRequest() throws Exception {
        IQ request = rosterGet("romeo@localhost");
        CompletableFuture<IQ> answer = requests.send(request).toCompletableFuture();

        assertThat(sink.sent()).containsExactly(request);
        IQ result = IQ.createResultIQ(request);
        assertThat(requests.accept(result)).isTrue();

        assertThat(answer.get(1, TimeUnit.SECONDS)).isSameAs(result);
        assertThat(requests.pendingCount()).isZero();
        assertThat(requests.accept(IQ.createResultIQ(request))).as("a second answer is nobody's").isFalse();
    }

    @Test
    void anErrorAnswerFailsWithItsCondition() {
        IQ request = rosterGet("romeo@localhost");
        CompletableFuture<IQ> answer = requests.send(request).toCompletableFuture();

        assertThat(requests.accept(IQ.createErrorResponse(request, StanzaError.Condition.internal_server_error))).isTrue();

        assertThatThrownBy(() -> answer.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(IqRequestException.class, e -> {
                    assertThat(e.reason()).isEqualTo(IqRequestException.Reason.ERROR);
                    assertThat(e.is(StanzaError.Condition.internal_server_error)).isTrue();
                    assertThat(e.error()).isPresent();
                });
    }

    @Test
    void noAnswerTimesOut() {
        IqRequests impatient = new IqRequests(sink, scheduler, Duration.ofMillis(50));
        CompletableFuture<IQ> answer = impatient.send(rosterGet("romeo@localhost")).toCompletableFuture();

        assertThatThrownBy(() -> answer.get(2, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(IqRequestException.class, e ->
                        assertThat(e.reason()).isEqualTo(IqRequestException.Reason.TIMEOUT));
        assertThat(impatient.pendingCount()).isZero();
    }

    @Test
    void aLateAnswerAfterTheTimeoutIsIgnored() {
        IqRequests impatient = new IqRequests(sink, scheduler, Duration.ofMillis(20));
        IQ request = rosterGet("romeo@localhost");
        CompletableFuture<IQ> answer = impatient.send(request).toCompletableFuture();
        assertThatThrownBy(() -> answer.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

        assertThat(impatient.accept(IQ.createResultIQ(request))).isFalse();
    }

    @Test
    void answersFromSomeoneElseDoNotCount() throws Exception {
        IQ request = rosterGet("romeo@localhost");
        CompletableFuture<IQ> answer = requests.send(request).toCompletableFuture();
        IQ forged = IQ.createResultIQ(request);
        forged.setFrom(JidCreate.from("mallory@localhost"));

        assertThat(requests.accept(forged)).isFalse();
        assertThat(answer).isNotDone();
        assertThat(requests.accept(IQ.createResultIQ(request))).isTrue();
        assertThat(answer.get(1, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void requestsAndUnknownIdsAreNotAnswers() {
        requests.send(rosterGet("romeo@localhost"));
        IQ get = rosterGet("romeo@localhost");
        get.setStanzaId("unknown");

        assertThat(requests.accept(get)).isFalse();
        assertThat(requests.accept(IQ.createResultIQ(get))).isFalse();
        assertThat(requests.pendingCount()).isEqualTo(1);
    }

    @Test
    void aRequestWithoutIdGetsOne() {
        IQ request = rosterGet("romeo@localhost");
        request.setStanzaId(null);

        requests.send(request);

        assertThat(request.getStanzaId()).isNotBlank();
    }

    @Test
    void aRequestThatCannotBeSentFailsAtOnce() {
        IqRequests refused = new IqRequests(stanza -> false, scheduler, Duration.ofSeconds(5));

        CompletableFuture<IQ> answer = refused.send(rosterGet("romeo@localhost")).toCompletableFuture();

        assertThat(answer).isCompletedExceptionally();
        assertThatThrownBy(answer::join).cause().isInstanceOfSatisfying(IqRequestException.class, e ->
                assertThat(e.reason()).isEqualTo(IqRequestException.Reason.NOT_SENT));
        assertThat(refused.pendingCount()).isZero();
    }

    @Test
    void cancelAllFailsEveryPendingRequest() {
        CompletableFuture<IQ> first = requests.send(rosterGet("romeo@localhost")).toCompletableFuture();
        CompletableFuture<IQ> second = requests.send(rosterGet("juliet@localhost")).toCompletableFuture();

        requests.cancelAll("stream lost");

        for (CompletableFuture<IQ> answer : java.util.List.of(first, second)) {
            assertThatThrownBy(answer::join).cause().isInstanceOfSatisfying(IqRequestException.class, e ->
                    assertThat(e.reason()).isEqualTo(IqRequestException.Reason.CANCELLED));
        }
        assertThat(requests.pendingCount()).isZero();
    }

    @Test
    void onlyGetAndSetAreRequests() {
        IQ result = IQ.createResultIQ(rosterGet("romeo@localhost"));

        assertThatThrownBy(() -> requests.send(result)).isInstanceOf(IllegalArgumentException.class);
    }

    private static IQ rosterGet(String user) {
        RosterPacket get = new RosterPacket();
        get.setType(IQ.Type.get);
        get.setFrom(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost"));
        get.setTo(JidCreate.bareFromOrThrowUnchecked(user));
        return get;
    }
}
