package org.imbridge.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    @Test
    void anIdleExecutorRunsATaskNowOnTheCallersThread() {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> threads = new CopyOnWriteArrayList<>();

        serial.runNowOrQueue(() -> threads.add(Thread.currentThread().getName()));

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aBusyExecutorQueuesTheTaskBehindTheOthers() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        serial.execute(() -> {
            awaitQuietly(release);
            order.add(1);
        });
        serial.execute(() -> order.add(2));

        serial.runNowOrQueue(() -> order.add(3));
        assertThat(order).isEmpty();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == 3);
        assertThat(order).containsExactly(1, 2, 3);
    }

    @Test
    void tasksSubmittedWhileOneRunsNowFollowItOnThePool() {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> ran = new CopyOnWriteArrayList<>();
        String caller = Thread.currentThread().getName();

        serial.runNowOrQueue(() -> {
            serial.execute(() -> ran.add("queued on " + (Thread.currentThread().getName().equals(caller) ? "caller" : "pool")));
            serial.runNowOrQueue(() -> ran.add("nested"));
            ran.add("first");
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 3);
        assertThat(ran).containsExactly("first", "queued on pool", "nested");
    }

    @Test
    void aFailingTaskRunNowDoesNotBlockTheExecutor() {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> ran = new CopyOnWriteArrayList<>();

        serial.runNowOrQueue(() -> {
            throw new IllegalStateException("listener bug");
        });
        serial.runNowOrQueue(() -> ran.add("after"));

        assertThat(ran).containsExactly("after");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
