package org.imbridge.xmpp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.SessionListener;
import org.junit.jupiter.api.Test;

/**
 * The SPI gives new operations and events default methods, so a decorator that forgets one compiles
 * and silently turns it into the default (an "unsupported" failure, or nothing at all). The metering
 * decorator stands between every network and the gateway: it must forward every method itself.
 */
class MeteredNetworkForwardingTest {

    @Test
    void theSessionDecoratorForwardsEveryOperation() {
        assertForwardsAll(LegacySession.class);
    }

    @Test
    void theListenerDecoratorForwardsEveryEvent() {
        assertForwardsAll(SessionListener.class);
    }

    private static void assertForwardsAll(Class<?> spi) {
        Class<?> decorator = Arrays.stream(MeteredNetwork.class.getDeclaredClasses())
                .filter(spi::isAssignableFrom).findFirst().orElseThrow();
        List<String> missing = Arrays.stream(spi.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declares(decorator, m))
                .map(Method::getName).toList();
        assertThat(missing).as(decorator.getSimpleName() + " must override").isEmpty();
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
