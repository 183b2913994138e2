package org.imbridge.bench.node;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.imbridge.core.registration.RegistrationStore;

/**
 * A registration store that counts the calls made to it, per method, and the time spent in them, so
 * the bench can say what a login costs in store round trips. A dynamic proxy: every method of the
 * interface is counted without this class knowing them.
 */
final class CountingStore implements InvocationHandler {

    private final RegistrationStore target;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder nanos = new LongAdder();

    private CountingStore(RegistrationStore target) {
        this.target = target;
    }

    /** The counting view of {@code target}, and the counter that reads it. */
    static CountingStore wrap(RegistrationStore target) {
        return new CountingStore(target);
    }

    RegistrationStore store() {
        return (RegistrationStore) Proxy.newProxyInstance(RegistrationStore.class.getClassLoader(),
                new Class<?>[] {RegistrationStore.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "counting " + target;
            };
        }
        calls.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
        long start = System.nanoTime();
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            nanos.add(System.nanoTime() - start);
        }
    }

    /** Calls so far, per method name. */
    Map<String, Long> calls() {
        Map<String, Long> snapshot = new TreeMap<>();
        calls.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }

    /** Wall-clock time spent inside the store so far, over all threads. */
    long nanos() {
        return nanos.sum();
    }
}
