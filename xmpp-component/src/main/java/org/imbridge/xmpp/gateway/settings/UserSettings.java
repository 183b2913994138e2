package org.imbridge.xmpp.gateway.settings;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.session.BridgedUser;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * Reads and changes a user's settings through their session: reading needs the user online, a change
 * waits for a session that is reconnecting. Failures are {@link DeliveryFailure}s with a text for the
 * user; {@link #condition} names the XMPP error for one.
 */
public final class UserSettings {

    /** How long a stage waits for the network before the user is told it did not answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final NetworkProfile network;
    private final Function<String, Optional<BridgedUser>> users;

    public UserSettings(NetworkProfile network, Function<String, Optional<BridgedUser>> users) {
        this.network = network;
        this.users = users;
    }

    public NetworkProfile network() {
        return network;
    }

    /** {@code userJid}'s settings as the network has them; fails when the user is not online. */
    public CompletionStage<AccountSettings> current(String userJid) {
        return users.apply(userJid).map(BridgedUser::settings).orElseGet(this::offline)
                .toCompletableFuture().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(failure(e)));
    }

    /** Applies what {@code submitted} changes to {@code userJid}'s current settings. */
    public CompletionStage<Void> apply(String userJid, DataForm submitted) {
        return current(userJid).thenCompose(current -> {
            AccountSettings wanted;
            try {
                wanted = SettingsForm.read(submitted, current);
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE, e.getMessage()));
            }
            if (wanted.equals(current)) {
                return CompletableFuture.completedFuture(null);
            }
            return users.apply(userJid).map(u -> u.changeSettings(wanted)).orElseGet(this::offline)
                    .toCompletableFuture().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionallyCompose(e -> CompletableFuture.failedFuture(failure(e)));
        });
    }

    /** The XMPP error condition for a failure of {@link #current} or {@link #apply}. */
    public static StanzaError.Condition condition(DeliveryFailure failure) {
        return switch (failure.kind()) {
            case NOT_ACCEPTABLE -> StanzaError.Condition.not_acceptable;
            case SESSION_DOWN -> StanzaError.Condition.service_unavailable;
            case TIMEOUT -> StanzaError.Condition.remote_server_timeout;
            case UNSUPPORTED -> StanzaError.Condition.feature_not_implemented;
            default -> StanzaError.Condition.undefined_condition;
        };
    }

    /** A failure of a stage as a {@link DeliveryFailure} with a text for the user. */
    public DeliveryFailure failure(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof DeliveryFailure d) {
            return d;
        }
        if (t instanceof TimeoutException) {
            return new DeliveryFailure(DeliveryFailure.Kind.TIMEOUT, network.shortName() + " did not answer in time");
        }
        return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "Your settings could not be changed: " + t.getMessage());
    }

    private <T> CompletionStage<T> offline() {
        return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                "You are not connected to " + network.shortName() + "; go online first to see or change your settings"));
    }
}
