package org.imbridge.core.session;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on any underlying executor (even a multi-threaded
 * one). A task that throws is logged and does not stop the ones after it; one that throws an
 * {@code Error} ends its thread but the remaining tasks still run.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        handOff();
    }

    /**
     * Runs {@code task} on the calling thread if nothing of this executor is running or waiting, else
     * queues it like {@link #execute}. Order and one-at-a-time still hold: tasks submitted while it
     * runs wait for it, and are then handed to the underlying executor. Only for short tasks that never
     * block (the caller may be an I/O thread); it saves a hand-off to another thread on a hot path.
     */
    public void runNowOrQueue(Runnable task) {
        synchronized (tasks) {
            if (draining) {
                tasks.add(task);
                return;
            }
            draining = true;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("listener failed", e);
        } finally {
            release();
        }
    }

    private void drain() {
        boolean drained = false;
        try {
            while (true) {
                Runnable task;
                synchronized (tasks) {
                    task = tasks.poll();
                    if (task == null) {
                        draining = false;
                        drained = true;
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("listener failed", e);
                }
            }
        } finally {
            if (!drained) {
                // An Error escaped a task: let it end this thread, but keep the queue moving.
                release();
            }
        }
    }

    /** The current run is over: stop, or hand the tasks that came meanwhile to the underlying executor. */
    private void release() {
        boolean more;
        synchronized (tasks) {
            more = !tasks.isEmpty();
            draining = more;
        }
        if (more) {
            handOff();
        }
    }

    /** Drains on the underlying executor; {@code draining} is already set. */
    private void handOff() {
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (tasks) {
                draining = false;
                tasks.clear();
            }
            LOG.debug("event executor is shut down; dropping events", e);
        }
    }
}
