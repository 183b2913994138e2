package org.imbridge.app.launcher;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.logging.LogContext;

/**
 * Executors that carry the logging context (MDC) of the code that submits a task into the task, so
 * that work done later, on another thread, for a user still logs that user's JID.
 */
final class MdcExecutors {

    private MdcExecutors() {
    }

    /** A fixed pool whose tasks run with their submitter's MDC; {@link ThreadPoolExecutor#getQueue()} shows its backlog. */
    static ThreadPoolExecutor fixed(int threads, ThreadFactory factory) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory) {
            @Override
            public void execute(Runnable command) {
                super.execute(wrap(command));
            }
        };
    }

    /** A one-thread scheduler whose tasks run with their submitter's MDC. */
    static ScheduledThreadPoolExecutor scheduler(ThreadFactory factory) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, factory) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                return super.schedule(wrap(command), delay, unit);
            }

            @Override
            public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
                LogContext context = LogContext.capture();
                return super.schedule(() -> {
                    String[] previous = context.enter();
                    try {
                        return callable.call();
                    } finally {
                        context.exit(previous);
                    }
                }, delay, unit);
            }

            @Override
            public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
                return super.scheduleAtFixedRate(wrap(command), initialDelay, period, unit);
            }

            @Override
            public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                             TimeUnit unit) {
                return super.scheduleWithFixedDelay(wrap(command), initialDelay, delay, unit);
            }
        };
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** {@code task} to run with the MDC of the calling thread as it is now. */
    static Runnable wrap(Runnable task) {
        return LogContext.capture().wrap(task);
    }
}
