package org.imbridge.msnserver.it;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Events recorded by a listener, in arrival order, for tests to wait for and take. Listeners add from
 * the client's I/O threads; tests take from their own thread.
 *
 * @param <E> the event type
 */
final class EventLog<E> {

    private final List<E> events = new ArrayList<>();

    synchronized void add(E event) {
        events.add(event);
    }

    /** Waits for the first not yet taken event of {@code type} and takes it. */
    <T extends E> T next(Class<T> type) {
        return next(type, e -> true);
    }

    /** Waits for the first not yet taken event of {@code type} that matches, and takes it. */
    <T extends E> T next(Class<T> type, Predicate<? super T> match) {
        return LiveNetwork.eventually()
                .alias("a " + type.getSimpleName() + " event")
                .until(() -> take(type, match), found -> found != null);
    }

    /** The events of {@code type} not yet taken, without taking them. */
    synchronized <T extends E> List<T> all(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (E e : events) {
            if (type.isInstance(e)) {
                matching.add(type.cast(e));
            }
        }
        return matching;
    }

    private synchronized <T extends E> T take(Class<T> type, Predicate<? super T> match) {
        for (Iterator<E> it = events.iterator(); it.hasNext(); ) {
            E e = it.next();
            if (type.isInstance(e) && match.test(type.cast(e))) {
                it.remove();
                return type.cast(e);
            }
        }
        return null;
    }

    @Override
    public synchronized String toString() {
        return events.toString();
    }
}
