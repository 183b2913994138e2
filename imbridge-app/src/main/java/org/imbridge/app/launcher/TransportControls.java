package org.imbridge.app.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.LinkState;
import org.imbridge.core.session.SessionManager;
import org.imbridge.xmpp.admin.TransportControl;
import org.imbridge.xmpp.gateway.register.RegistrationRemovals;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.imbridge.xmpp.metrics.TransportMetrics;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin commands' view of a running {@link Transport}. */
final class TransportControls implements TransportControl {

    private static final Logger LOG = LoggerFactory.getLogger(TransportControls.class);

    private final DomainBareJid transport;
    private final SessionManager sessions;
    private final RegistrationRemovals removals;
    private final RegistrationStore store;
    private final StanzaSink sink;
    private final TransportMetrics metrics;
    private final ConfigReload reload;
    private final Instant started = Instant.now();

    TransportControls(DomainBareJid transport, SessionManager sessions, RegistrationRemovals removals,
                      RegistrationStore store, StanzaSink sink, TransportMetrics metrics, ConfigReload reload) {
        this.transport = transport;
        this.sessions = sessions;
        this.removals = removals;
        this.store = store;
        this.sink = sink;
        this.metrics = metrics;
        this.reload = reload;
    }

    @Override
    public NetworkProfile network() {
        return sessions.network().profile();
    }

    @Override
    public List<ActiveUser> activeUsers() {
        return sessions.activeUsers().stream()
                .map(u -> new ActiveUser(u.userJid(), u.state().name()))
                .sorted(Comparator.comparing(ActiveUser::jid))
                .toList();
    }

    /** Users logged in to the legacy network now. */
    long onlineCount() {
        return sessions.activeUsers().stream().filter(u -> u.state() == LinkState.ONLINE).count();
    }

    @Override
    public int registeredUsers() {
        int count = store.count(sessions.network().id());
        metrics.registeredUsers(count);
        return count;
    }

    @Override
    public Traffic traffic() {
        return new Traffic(metrics.messagesToNetworkLastMinute(), metrics.messagesFromNetworkLastMinute());
    }

    @Override
    public Duration uptime() {
        return Duration.between(started, Instant.now());
    }

    @Override
    public int announce(String text) {
        int sent = 0;
        for (ActiveUser user : activeUsers()) {
            Message headline = StanzaBuilder.buildMessage()
                    .ofType(Message.Type.headline)
                    .from(transport)
                    .to(JidCreate.fromOrThrowUnchecked(user.jid()))
                    .setSubject("Announcement")
                    .setBody(text)
                    .build();
            if (sink.send(headline)) {
                sent++;
            }
        }
        LOG.info("announcement sent to {} users", sent);
        return sent;
    }

    @Override
    public boolean disconnect(String userJid, String why) {
        return sessions.user(userJid).filter(u -> u.state() != LinkState.OFFLINE).map(u -> {
            LOG.info("{} disconnected by an administrator", userJid);
            u.terminate(why);
            return true;
        }).orElse(false);
    }

    @Override
    public boolean removeUser(String userJid) {
        return removals.removeByAdmin(userJid);
    }

    @Override
    public String reloadConfig() throws Exception {
        return reload.reload();
    }
}
