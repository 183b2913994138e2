package org.imbridge.xmpp.gateway.roster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.util.StringUtils;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;

/**
 * Which of a user's clients take XEP-0144 roster item exchange: an available presence from a user's
 * resource carries entity capabilities (XEP-0115); the first time a capabilities version is seen the
 * transport asks that full JID for disco#info and remembers the answer per version, so every later
 * client with the same version is known without asking. A client that announces no capabilities is
 * taken as not supporting it (asking every client that comes online would cost a round trip per
 * presence). An unavailable presence forgets the resource.
 */
public final class RosterExchangeClients {

    private final Function<IQ, CompletionStage<IQ>> requests;
    private final Map<String, Boolean> byCapsVersion = new ConcurrentHashMap<>();
    private final Map<String, Map<FullJid, Boolean>> users = new ConcurrentHashMap<>();
    /** Per user, the disco#info requests not answered yet. */
    private final Map<String, Set<CompletableFuture<Void>>> asking = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> newlyTaking = user -> { };

    public RosterExchangeClients(IqRequests requests) {
        this(requests::send);
    }

    RosterExchangeClients(Function<IQ, CompletionStage<IQ>> requests) {
        this.requests = requests;
    }

    /** Takes note of a presence from a user (any other presence is ignored). */
    public void presence(Presence presence, Jid transport) {
        if (!(presence.getFrom() instanceof FullJid from) || !from.hasLocalpart()) {
            return;
        }
        String user = from.asBareJid().toString();
        if (presence.getType() == Presence.Type.unavailable) {
            Map<FullJid, Boolean> resources = users.get(user);
            if (resources != null) {
                resources.remove(from);
            }
            return;
        }
        if (presence.getType() != Presence.Type.available) {
            return;
        }
        CapsExtension caps = presence.getExtension(CapsExtension.class);
        if (caps == null) {
            users.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(from, false);
            return;
        }
        String version = caps.getNode() + "#" + caps.getVer();
        Boolean known = byCapsVersion.get(version);
        if (known != null) {
            users.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(from, known);
            return;
        }
        DiscoverInfoBuilder ask = DiscoverInfo.builder("caps-" + StringUtils.randomString(8)).ofType(IQ.Type.get).to(from).from(transport);
        CompletableFuture<Void> answered = new CompletableFuture<>();
        asking.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(answered);
        requests.apply(ask.build()).whenComplete((answer, failure) -> {
            boolean supports = failure == null && answer instanceof DiscoverInfo info
                    && info.containsFeature(RosterExchange.NAMESPACE);
            if (failure == null) {
                byCapsVersion.put(version, supports);
            }
            boolean before = client(user).isPresent();
            users.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(from, supports);
            Set<CompletableFuture<Void>> pending = asking.get(user);
            if (pending != null) {
                pending.remove(answered);
            }
            answered.complete(null);
            if (supports && !before) {
                newlyTaking.accept(user);
            }
        });
    }

    /** Sets the one listener told when a user's first client that takes roster item exchange is known. */
    public void onNewlyTaking(java.util.function.Consumer<String> listener) {
        this.newlyTaking = listener;
    }

    /**
     * @return a stage that completes once every client of the user whose capabilities are being asked
     *         for has answered (at once when none is): the first roster sync waits for it, so that a
     *         client that came online with the login is known before the method is chosen
     */
    public CompletionStage<Void> settled(String userJid) {
        Set<CompletableFuture<Void>> pending = asking.get(userJid);
        if (pending == null || pending.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /** @return a full JID of the user's that takes roster item exchange, if any is online */
    public Optional<FullJid> client(String userJid) {
        Map<FullJid, Boolean> resources = users.get(userJid);
        return resources == null ? Optional.empty()
                : resources.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst();
    }
}
