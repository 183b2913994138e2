package org.imbridge.xmpp.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.imbridge.core.model.LegacyAddress;
import org.junit.jupiter.api.Test;

class PendingAuthorizationsTest {

    private static final String ROMEO = "romeo@example.org";
    private static final String JULIET = "juliet@example.org";

    private static LegacyAddress contact(int n) {
        return LegacyAddress.of("c" + n + "@hotmail.com");
    }

    @Test
    void aRequestIsTakenOnceAndOnlyByItsUser() {
        PendingAuthorizations pending = new PendingAuthorizations(10);
        pending.add(ROMEO, contact(1));
        pending.add(ROMEO, contact(1));

        assertThat(pending.count(ROMEO)).isEqualTo(1);
        assertThat(pending.take(JULIET, contact(1))).isFalse();
        assertThat(pending.take(ROMEO, contact(2))).isFalse();
        assertThat(pending.take(ROMEO, contact(1))).isTrue();
        assertThat(pending.take(ROMEO, contact(1))).isFalse();
        assertThat(pending.users()).as("a user without requests takes no room").isZero();
    }

    @Test
    void beyondTheLimitTheOldestRequestIsDropped() {
        PendingAuthorizations pending = new PendingAuthorizations(3);
        pending.add(ROMEO, contact(1));
        pending.add(ROMEO, contact(2));
        pending.add(ROMEO, contact(3));
        pending.add(ROMEO, contact(1)); // asked again: now the newest
        pending.add(ROMEO, contact(4));

        assertThat(pending.count(ROMEO)).isEqualTo(3);
        assertThat(pending.take(ROMEO, contact(2))).as("the oldest").isFalse();
        assertThat(pending.take(ROMEO, contact(1))).isTrue();
        assertThat(pending.take(ROMEO, contact(3))).isTrue();
        assertThat(pending.take(ROMEO, contact(4))).isTrue();
    }

    @Test
    void forgettingAUserDropsOnlyTheirRequests() {
        PendingAuthorizations pending = new PendingAuthorizations(10);
        pending.add(ROMEO, contact(1));
        pending.add(JULIET, contact(1));

        pending.forget(ROMEO);

        assertThat(pending.count(ROMEO)).isZero();
        assertThat(pending.take(ROMEO, contact(1))).isFalse();
        assertThat(pending.take(JULIET, contact(1))).isTrue();
    }

    @Test
    void theLimitHoldsUnderConcurrentRequests() {
        PendingAuthorizations pending = new PendingAuthorizations(100);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1_000;
            writers.add(CompletableFuture.runAsync(() -> IntStream.range(base, base + 1_000).forEach(n -> {
                pending.add(ROMEO, contact(n));
                pending.take(ROMEO, contact(n - 1));
            })));
        }
        writers.forEach(CompletableFuture::join);

        assertThat(pending.count(ROMEO)).isBetween(1, 100);
    }

    @Test
    void theLimitMustAllowOneRequest() {
        assertThatThrownBy(() -> new PendingAuthorizations(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
