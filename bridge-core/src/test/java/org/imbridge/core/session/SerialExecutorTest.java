package org.imbridge.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void tasksRunOneAtATimeInOrderOnAPool() {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> order = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();

        for (int i = 0; i < 1000; i++) {
            int n = i;
            serial.execute(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                running.decrementAndGet();
            });
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == 1000);
        assertThat(order).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void failingTasksDoNotStopTheOnesAfterThem() {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> ran = new CopyOnWriteArrayList<>();

        serial.execute(() -> {
            throw new IllegalStateException("listener bug");
        });
        serial.execute(() -> ran.add("after exception"));
        serial.execute(() -> {
            throw new AssertionError("an Error");
        });
        serial.execute(() -> ran.add("after error"));

        // The Error ends its pool thread as uncaught; Awaitility would report that as a failure.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("after exception", "after error");
    }
}
