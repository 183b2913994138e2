package org.imbridge.xmpp.gateway.blocking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.core.session.LinkState;
import org.imbridge.core.session.SessionManager;
import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.blocking.element.BlockContactsIQ;
import org.jivesoftware.smackx.blocking.element.BlockListIQ;
import org.jivesoftware.smackx.blocking.element.UnblockContactsIQ;
import org.jxmpp.jid.Jid;

/**
 * XEP-0191 requests to the transport's domain: {@code <blocklist/>} (get), {@code <block/>} and
 * {@code <unblock/>} (set; an unblock without items unblocks everyone). Only a registered user whose
 * legacy session is online may ask; items must be contact JIDs of this transport. The changes reach
 * the user's resources as pushes from {@link BlockListPushes} once the network has made them.
 */
public final class BlockingRequests {

    public static final String NAMESPACE = BlockListIQ.NAMESPACE;
    /** At most this many items in one block or unblock. */
    public static final int MAX_ITEMS = 100;

    private final JidMapping jids;
    private final SessionManager sessions;

    public BlockingRequests(JidMapping jids, SessionManager sessions) {
        this.jids = jids;
        this.sessions = sessions;
    }

    /** One handler per request element, to register with the IQ router. */
    public List<IqHandler> handlers() {
        return List.of(
                handler(BlockListIQ.ELEMENT, IQ.Type.get, this::blockList),
                handler(BlockContactsIQ.ELEMENT, IQ.Type.set, this::block),
                handler(UnblockContactsIQ.ELEMENT, IQ.Type.set, this::unblock));
    }

    private CompletionStage<IQ> blockList(IQ request, BridgedUser user) {
        return user.blockList().thenApply(blocked -> {
            List<Jid> items = new ArrayList<>();
            blocked.stream().sorted(Comparator.comparing(LegacyAddress::value)).forEach(a -> {
                try {
                    items.add(jids.toJid(a));
                } catch (IllegalArgumentException e) {
                    // an address that cannot be a JID cannot be shown, nor unblocked from XMPP
                }
            });
            BlockListIQ answer = new BlockListIQ(items);
            return answer(request, answer);
        });
    }

    private CompletionStage<IQ> block(IQ request, BridgedUser user) {
        List<Jid> items = request instanceof BlockContactsIQ b && b.getJids() != null ? b.getJids() : List.of();
        if (items.isEmpty()) {
            return error(request, StanzaError.Condition.bad_request, "Name at least one contact to block");
        }
        return each(request, items, user::block);
    }

    private CompletionStage<IQ> unblock(IQ request, BridgedUser user) {
        List<Jid> items = request instanceof UnblockContactsIQ u && u.getJids() != null ? u.getJids() : List.of();
        if (items.isEmpty()) {
            return user.blockList().thenCompose(all -> run(request, List.copyOf(all), user::unblock));
        }
        return each(request, items, user::unblock);
    }

    /** Checks every item first, so that a bad one changes nothing, then applies them one after the other. */
    private CompletionStage<IQ> each(IQ request, List<Jid> items, Function<LegacyAddress, CompletionStage<Void>> op) {
        if (items.size() > MAX_ITEMS) {
            return error(request, StanzaError.Condition.bad_request,
                    "At most " + MAX_ITEMS + " contacts per request, not " + items.size());
        }
        Set<LegacyAddress> addresses = new LinkedHashSet<>();
        for (Jid item : items) {
            Optional<LegacyAddress> address = jids.toLegacy(item)
                    .filter(a -> sessions.network().isValidAccount(a.value()));
            if (address.isEmpty()) {
                return error(request, StanzaError.Condition.jid_malformed,
                        item + " is not a " + networkName() + " contact of this transport");
            }
            addresses.add(address.get());
        }
        return run(request, List.copyOf(addresses), op);
    }

    private CompletionStage<IQ> run(IQ request, List<LegacyAddress> addresses,
                                    Function<LegacyAddress, CompletionStage<Void>> op) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (LegacyAddress a : addresses) {
            chain = chain.thenCompose(v -> op.apply(a));
        }
        return chain.handle((v, e) -> e == null ? IQ.createResultIQ(request) : failed(request, e));
    }

    private IqHandler handler(String element, IQ.Type type, BiFunction<IQ, BridgedUser, CompletionStage<IQ>> body) {
        return new IqHandler() {
            @Override
            public String element() {
                return element;
            }

            @Override
            public String namespace() {
                return NAMESPACE;
            }

            @Override
            public CompletionStage<IQ> handle(IQ request) {
                if (!jids.isTransport(request.getTo())) {
                    return error(request, StanzaError.Condition.service_unavailable, null);
                }
                if (request.getType() != type) {
                    return error(request, StanzaError.Condition.bad_request, null);
                }
                String userJid = request.getFrom().asBareJid().toString();
                Optional<BridgedUser> user = sessions.user(userJid).filter(u -> u.state() == LinkState.ONLINE);
                if (user.isPresent()) {
                    return body.apply(request, user.get());
                }
                return sessions.isRegistered(userJid).thenApply(registered -> registered
                        ? IQ.createErrorResponse(request, StanzaError.from(StanzaError.Condition.service_unavailable,
                                notConnected()).build())
                        : IQ.createErrorResponse(request, StanzaError.from(StanzaError.Condition.registration_required,
                                "Register with this transport first").build()));
            }
        };
    }

    private IQ failed(IQ request, Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (!(t instanceof DeliveryFailure failure)) {
            throw new CompletionException(t);
        }
        StanzaError.Condition condition = switch (failure.kind()) {
            case SESSION_DOWN -> StanzaError.Condition.service_unavailable;
            case RECIPIENT_UNAVAILABLE -> StanzaError.Condition.item_not_found;
            case UNSUPPORTED -> StanzaError.Condition.feature_not_implemented;
            case TIMEOUT -> StanzaError.Condition.remote_server_timeout;
            default -> StanzaError.Condition.not_acceptable;
        };
        return IQ.createErrorResponse(request, StanzaError.from(condition, failure.userText()).build());
    }

    private String notConnected() {
        return "You are not connected to " + networkName() + "; go online first";
    }

    private String networkName() {
        return sessions.network().profile().shortName();
    }

    private static IQ answer(IQ request, IQ answer) {
        answer.setType(IQ.Type.result);
        answer.setStanzaId(request.getStanzaId());
        answer.setTo(request.getFrom());
        answer.setFrom(request.getTo());
        return answer;
    }

    private static CompletionStage<IQ> error(IQ request, StanzaError.Condition condition, String text) {
        StanzaError.Builder error = StanzaError.getBuilder(condition);
        if (text != null) {
            error.setDescriptiveEnText(text);
        }
        return CompletableFuture.completedFuture(IQ.createErrorResponse(request, error.build()));
    }
}
