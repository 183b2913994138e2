package org.imbridge.msn.plugin;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.AccountSettings.Visibility;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.MsnTimeoutException;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.PrivacyMode;
import org.imbridge.msn.client.ReverseListPrompt;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;

/**
 * The user's own name and privacy settings as MSN has them: the friendly name (REA, docs/msnp.md §5.6),
 * BLP (AL: everyone not blocked, BL: only those allowed) and GTC (A: ask about new watchers, N: allow
 * them silently), docs/msnp.md §5.1. A change sends only what differs, one request after the other.
 */
final class AccountSettingsEdits {

    private final NotificationSession ns;

    AccountSettingsEdits(NotificationSession ns) {
        this.ns = ns;
    }

    AccountSettings current() {
        ContactList list = ns.contactList();
        return new AccountSettings(ns.friendlyName(),
                list.privacyMode() == PrivacyMode.BL ? Visibility.ALLOWED_ONLY : Visibility.EVERYONE_NOT_BLOCKED,
                list.reverseListPrompt() != ReverseListPrompt.N);
    }

    /** True when someone new who adds the user is allowed without asking (GTC N). */
    boolean allowsNewWatchers() {
        return ns.contactList().reverseListPrompt() == ReverseListPrompt.N;
    }

    CompletionStage<Void> change(AccountSettings wanted) {
        String name = wanted.displayName().strip();
        if (name.isEmpty()) {
            return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE,
                    "Your MSN name cannot be empty"));
        }
        int bytes = MsnpNames.encode(name).length();
        if (bytes > MsnpNames.MAX_FRIENDLY_NAME_BYTES) {
            return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE,
                    "This name is too long for MSN: it takes " + bytes + " bytes, at most "
                            + MsnpNames.MAX_FRIENDLY_NAME_BYTES + " are allowed (characters other than plain"
                            + " letters and digits take up to 9)"));
        }
        AccountSettings now = current();
        PrivacyMode mode = wanted.visibility() == Visibility.ALLOWED_ONLY ? PrivacyMode.BL : PrivacyMode.AL;
        ReverseListPrompt prompt = wanted.askAboutWatchers() ? ReverseListPrompt.A : ReverseListPrompt.N;
        CompletionStage<Void> done = CompletableFuture.completedFuture(null);
        if (!name.equals(now.displayName())) {
            done = done.thenCompose(v -> request(() -> ns.setFriendlyName(name), "your name"));
        }
        if (wanted.visibility() != now.visibility()) {
            done = done.thenCompose(v -> request(() -> ns.setPrivacyMode(mode), "who may see you"));
        }
        if (wanted.askAboutWatchers() != now.askAboutWatchers()) {
            done = done.thenCompose(v -> request(() -> ns.setReverseListPrompt(prompt), "whether to ask about new watchers"));
        }
        return done;
    }

    /** One request; 218 (already so) is the wanted state, everything else a failure with a text for the user. */
    private static CompletionStage<Void> request(Supplier<CompletionStage<Void>> send, String what) {
        return send.get().handle((v, e) -> {
            Throwable t = e == null ? null : MsnFailures.unwrap(e);
            if (t == null || (t instanceof MsnErrorException m && m.error() == MsnpError.ALREADY_IN_MODE)) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.<Void>failedFuture(failure(t, what));
        }).thenCompose(f -> f);
    }

    private static DeliveryFailure failure(Throwable t, String what) {
        if (t instanceof MsnErrorException e && e.error() == MsnpError.INVALID_FRIENDLY_NAME) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE, "MSN does not accept this name");
        }
        if (t instanceof MsnErrorException e) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                    "MSN refused to change " + what + ": " + MsnpError.describe(e.code()));
        }
        if (t instanceof MsnTimeoutException) {
            return new DeliveryFailure(DeliveryFailure.Kind.TIMEOUT, "MSN did not answer in time");
        }
        return new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, "Could not change " + what + ": " + t.getMessage());
    }
}
