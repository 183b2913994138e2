package org.imbridge.msnserver.notification;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpHashes;
import org.imbridge.msnserver.wire.ServerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CHL / QRY (docs/msnp.md §6.1): sends 20-digit challenges, checks answers
 * ({@code md5(challenge + Q1P7W2E4J9R8U3S5)}, hex in either case, client id
 * {@code msmsgs@msnmsgr.com}) and closes connections that do not answer in time. Lock held.
 */
public final class ChallengeService {

    private static final Logger LOG = LoggerFactory.getLogger(ChallengeService.class);

    private final ServerContext context;
    private final ChallengePolicy policy;

    public ChallengeService(ServerContext context, ChallengePolicy policy) {
        this.context = context;
        this.policy = policy;
    }

    /** Schedules the first automatic challenge, if the policy has one. */
    void afterFirstStatus(NotificationConnection connection) {
        if (policy.firstDelay() != null) {
            scheduleNext(connection, policy.firstDelay());
        }
    }

    private void scheduleNext(NotificationConnection connection, Duration delay) {
        connection.nextChallenge(context.schedule(delay, () -> {
            if (connection.isClosing()) {
                return;
            }
            challenge(connection, "0");
            if (policy.repeatMin() != null) {
                long nanos = context.between(policy.repeatMin().toNanos(), policy.repeatMax().toNanos());
                scheduleNext(connection, Duration.ofNanos(nanos));
            }
        }));
    }

    /** Sends {@code CHL trId <20 digits>} and starts its deadline; returns the challenge. */
    public String challenge(NotificationConnection connection, String trId) {
        String challenge;
        do {
            challenge = context.digits(20);
        } while (connection.challenges().containsKey(challenge));
        String sent = challenge;
        ScheduledFuture<?> deadline = context.schedule(policy.deadline(), () -> {
            if (connection.challenges().remove(sent) != null && !connection.isClosing()) {
                LOG.info("{}: no QRY within {}, closing", connection, policy.deadline());
                connection.close("challenge not answered in time");
            }
        });
        connection.challenges().put(challenge, deadline);
        connection.send(MsnpCommand.of("CHL", trId, challenge));
        return challenge;
    }

    /** Checks a QRY; a match settles that challenge. */
    boolean answer(NotificationConnection connection, String clientId, String response) {
        if (!MsnpHashes.CHALLENGE_CLIENT_ID.equals(clientId)) {
            return false;
        }
        for (Iterator<Map.Entry<String, ScheduledFuture<?>>> it = connection.challenges().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ScheduledFuture<?>> e = it.next();
            if (MsnpHashes.challengeResponse(e.getKey()).equalsIgnoreCase(response)) {
                if (e.getValue() != null) {
                    e.getValue().cancel(false);
                }
                it.remove();
                return true;
            }
        }
        return false;
    }
}
