package org.imbridge.xmpp.stream;

import java.util.Arrays;
import java.util.Optional;

/**
 * Stream errors that reconnecting cannot fix: the configuration of the component or of the server
 * is wrong. Each knows what the administrator has to change.
 */
enum FatalCondition {

    /** Wrong secret (the server refused the handshake). */
    NOT_AUTHORIZED("not-authorized") {
        @Override
        String advice(ComponentConfig config) {
            return "the XMPP server at " + address(config) + " refused the handshake of component '"
                    + config.domain() + "' (not-authorized): the component secret in the transport's config does"
                    + " not match the secret the server has for '" + config.domain() + "' (Prosody: component_secret"
                    + " under Component \"" + config.domain() + "\"). Make them the same.";
        }
    },
    /** Another component is connected with the same domain. */
    CONFLICT("conflict") {
        @Override
        String advice(ComponentConfig config) {
            return "the XMPP server at " + address(config) + " already has a component connected as '"
                    + config.domain() + "' (conflict): stop the other transport instance, or configure a different"
                    + " component domain for this one.";
        }
    },
    /** The server has no component of that name. */
    HOST_UNKNOWN("host-unknown") {
        @Override
        String advice(ComponentConfig config) {
            return "the XMPP server at " + address(config) + " does not know the component domain '"
                    + config.domain() + "' (host-unknown): add it to the server's config (Prosody: Component \""
                    + config.domain() + "\" with a component_secret; ejabberd: an ejabberd_service listener with"
                    + " that host), or fix the component domain in the transport's config.";
        }
    };

    private final String condition;

    FatalCondition(String condition) {
        this.condition = condition;
    }

    /**
     * @param condition a stream error condition
     * @return the fatal condition of that name, or empty if a reconnect may help
     */
    static Optional<FatalCondition> of(String condition) {
        return Arrays.stream(values()).filter(c -> c.condition.equals(condition)).findFirst();
    }

    /**
     * @param config the component's config
     * @return a message telling the administrator what to fix
     */
    abstract String advice(ComponentConfig config);

    private static String address(ComponentConfig config) {
        return config.host() + ":" + config.port();
    }
}
