package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class OutgoingRoomTest {

    @Test
    void takesPlacesUpToItsCapacity() {
        OutgoingRoom room = new OutgoingRoom(2);

        assertThat(room.tryTake()).isTrue();
        assertThat(room.tryTake()).isTrue();
        assertThat(room.tryTake()).isFalse();
        room.giveBack(1);
        assertThat(room.tryTake()).isTrue();
        assertThat(room.taken()).isEqualTo(2);
    }

    @Test
    void aWaitingSenderGoesOnWhenAWriteCompletes() throws Exception {
        OutgoingRoom room = new OutgoingRoom(1);
        room.tryTake();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                return room.awaitPlace(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        started.await();

        room.giveBack(1);

        assertThat(waited.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(room.taken()).isZero();
    }

    @Test
    void aWaitEndsWithoutAPlaceAtItsDeadline() throws InterruptedException {
        OutgoingRoom room = new OutgoingRoom(1);
        room.tryTake();

        assertThat(room.awaitPlace(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
        assertThat(room.taken()).isEqualTo(1);
    }
}
