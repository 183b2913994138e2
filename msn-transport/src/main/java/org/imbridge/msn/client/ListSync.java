package org.imbridge.msn.client;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrieves the contact lists after login: {@code SYN TrID 0} (a full dump, docs/msnp.md §5.3), or when
 * the server answers SYN with an error, {@code LST} for FL, AL, BL and RL and {@code LSG} one after
 * the other (§5.4). The lines themselves are applied by {@link NotificationConnection}; the
 * transactions here only decide when each answer is complete.
 */
final class ListSync {

    private static final Logger LOG = LoggerFactory.getLogger(ListSync.class);

    private ListSync() {
    }

    static CompletableFuture<ContactList> run(NotificationConnection ns) {
        return ns.transact(new SyncTransaction(), trId -> MsnpCommand.of("SYN", trId, 0), ns.config().requestTimeout())
                .handle((v, e) -> e == null ? null : Futures.unwrap(e))
                .thenCompose(failure -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(ns.contactList());
                    }
                    if (!(failure instanceof MsnErrorException)) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    LOG.info("{}: SYN refused ({}); retrieving the lists with LST", ns, failure.getMessage());
                    return listByList(ns);
                });
    }

    private static CompletableFuture<ContactList> listByList(NotificationConnection ns) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ListType list : ListType.values()) {
            chain = chain.thenCompose(v -> tolerant(ns, ns.transact(new ListTransaction("LST", list),
                    trId -> MsnpCommand.of("LST", trId, list.name()), ns.config().requestTimeout())));
        }
        return chain
                .thenCompose(v -> tolerant(ns, ns.transact(new ListTransaction("LSG", null),
                        trId -> MsnpCommand.of("LSG", trId), ns.config().requestTimeout())))
                .thenApply(v -> ns.contactList());
    }

    /** An error reply to one list request leaves that list empty; a closed connection ends the login. */
    private static CompletableFuture<Void> tolerant(NotificationConnection ns, CompletableFuture<Void> step) {
        return step.handle((v, e) -> {
            Throwable cause = e == null ? null : Futures.unwrap(e);
            if (cause instanceof MsnErrorException) {
                LOG.info("{}: {}", ns, cause.getMessage());
                return null;
            }
            if (cause != null) {
                throw Futures.fail(cause);
            }
            return null;
        });
    }

    /**
     * The SYN answer: {@code SYN TrID version}, then GTC, BLP, PRP, LSG, LST and BPR lines in any
     * order. Done after the RL list is complete and no other list is half-listed; at once when the
     * server says our version (0) is current.
     */
    static final class SyncTransaction extends Transaction<Void> {
        private final Set<ListType> started = EnumSet.noneOf(ListType.class);
        private final Set<ListType> finished = EnumSet.noneOf(ListType.class);

        SyncTransaction() {
            super("SYN");
        }

        @Override
        protected Step offer(MsnpCommand reply) {
            switch (reply.name()) {
                case "SYN" -> {
                    if (Params.number(reply, 1) == 0) {
                        future.complete(null);
                        return Step.DONE;
                    }
                    return Step.CONTINUE;
                }
                case "GTC", "BLP", "PRP", "LSG" -> {
                    return Step.CONTINUE;
                }
                case "LST" -> {
                    ListType list = ListType.fromWire(Params.text(reply, 1));
                    if (list == null) {
                        return Step.CONTINUE;
                    }
                    started.add(list);
                    if (Params.integer(reply, 3) >= Params.integer(reply, 4)) {
                        finished.add(list);
                    }
                    if (finished.contains(ListType.RL) && finished.containsAll(started)) {
                        future.complete(null);
                        return Step.DONE;
                    }
                    return Step.CONTINUE;
                }
                default -> {
                    return Step.IGNORED;
                }
            }
        }
    }

    /** A stand-alone {@code LST TrID list} or {@code LSG TrID}: done when index reaches total. */
    static final class ListTransaction extends Transaction<Void> {
        private final ListType list;

        ListTransaction(String request, ListType list) {
            super(request);
            this.list = list;
        }

        @Override
        protected Step offer(MsnpCommand reply) {
            if (!reply.is(request())) {
                return Step.IGNORED;
            }
            // LST TrID list version index total …; LSG TrID version index total …
            int indexAt = list == null ? 2 : 3;
            if (list != null && list != ListType.fromWire(reply.param(1))) {
                return Step.IGNORED;
            }
            if (Params.integer(reply, indexAt) >= Params.integer(reply, indexAt + 1)) {
                future.complete(null);
                return Step.DONE;
            }
            return Step.CONTINUE;
        }
    }
}
