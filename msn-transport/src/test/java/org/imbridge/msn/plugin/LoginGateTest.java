package org.imbridge.msn.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LoginGateTest {

    private final List<CompletableFuture<String>> started = new ArrayList<>();
    private final LoginGate gate = new LoginGate(2, Runnable::run);

    private CompletionStage<String> submit() {
        return gate.submit(() -> {
            CompletableFuture<String> login = new CompletableFuture<>();
            started.add(login);
            return login;
        });
    }

    @Test
    void runsAtMostMaxAtOnceAndStartsTheNextInOrderWhenOneFinishes() {
        CompletionStage<String> a = submit();
        submit();
        CompletionStage<String> c = submit();
        submit();
        assertThat(started).hasSize(2);
        assertThat(gate.waiting()).isEqualTo(2);

        started.get(0).complete("a");
        assertThat(a.toCompletableFuture()).isCompletedWithValue("a");
        assertThat(started).hasSize(3);

        started.get(1).completeExceptionally(new IllegalStateException("wrong password"));
        assertThat(started).hasSize(4);
        assertThat(gate.waiting()).isZero();

        started.get(2).complete("c");
        assertThat(c.toCompletableFuture()).isCompletedWithValue("c");
    }

    @Test
    void aLoginThatThrowsFailsItsStageAndFreesItsTurn() {
        CompletionStage<String> failed = gate.submit(() -> {
            throw new IllegalArgumentException("not an MSN account name");
        });
        assertThat(failed.toCompletableFuture()).isCompletedExceptionally();
        submit();
        submit();
        assertThat(started).hasSize(2);
    }

    @Test
    void aLoginThatWaitsStartsInTheLoggingContextOfItsSubmitter() {
        List<String> usersAtStart = new ArrayList<>();
        try {
            submit();
            submit();
            MDC.put("user", "carol@jabber.example");
            gate.submit(() -> {
                usersAtStart.add(MDC.get("user"));
                return new CompletableFuture<>();
            });
            MDC.clear();
            assertThat(usersAtStart).isEmpty();

            MDC.put("user", "alice@jabber.example");
            started.get(0).complete("a"); // starts carol's login here, on this thread
            assertThat(usersAtStart).containsExactly("carol@jabber.example");
            assertThat(MDC.get("user")).isEqualTo("alice@jabber.example");
        } finally {
            MDC.clear();
        }
    }
}
