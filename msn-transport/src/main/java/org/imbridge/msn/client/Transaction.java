package org.imbridge.msn.client;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.imbridge.msn.protocol.MsnpCommand;

/**
 * A request waiting for the reply lines that carry its TrID. The connection offers each such line
 * (after applying it to its own state); the transaction says whether the line was its own and whether
 * it is finished. A numeric error reply always finishes it with {@link MsnErrorException}.
 *
 * @param <T> what the request completes with
 */
abstract class Transaction<T> {

    /** What a reply line meant to the transaction. */
    enum Step {
        /** Not a reply to this request (e.g. ILN with the TrID of an earlier CHG). */
        IGNORED,
        /** Part of a multi-line reply; more to come. */
        CONTINUE,
        /** The request is finished (successfully or not). */
        DONE
    }

    final CompletableFuture<T> future = new CompletableFuture<>();
    private final String request;

    Transaction(String request) {
        this.request = request;
    }

    String request() {
        return request;
    }

    final Step accept(MsnpCommand reply) {
        if (reply.isError()) {
            future.completeExceptionally(new MsnErrorException(reply.errorCode(), request));
            return Step.DONE;
        }
        return offer(reply);
    }

    /** Handles a reply line with this transaction's TrID; errors never reach here. */
    protected abstract Step offer(MsnpCommand reply);

    /** A request answered by exactly one line named one of {@code replyNames}. */
    static Transaction<MsnpCommand> singleReply(String request, Set<String> replyNames) {
        return new Transaction<>(request) {
            @Override
            protected Step offer(MsnpCommand reply) {
                if (!replyNames.contains(reply.name())) {
                    return Step.IGNORED;
                }
                future.complete(reply);
                return Step.DONE;
            }
        };
    }
}
