package org.imbridge.msn.plugin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.imbridge.msn.client.Contact;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;

/**
 * The user's contact decisions as MSN list edits (docs/msnp.md §5.5, design "Contact lists"): a contact
 * goes on FL and AL; allowing someone puts them on AL (off BL first), blocking on BL (off AL first),
 * since AL and BL exclude each other (219). Reaching the wanted state is success, so "already there"
 * (215) and "not on the list" (216) are not errors. Failures are
 * {@link org.imbridge.core.model.DeliveryFailure}s with a text for the user.
 */
final class ListEdits {

    private final NotificationSession ns;

    ListEdits(NotificationSession ns) {
        this.ns = ns;
    }

    /** ADD FL (into {@code group} when the user has a group of that name) and allow. */
    CompletionStage<Void> add(String handle, String displayName, String group) {
        String name = storableName(displayName, handle);
        Integer groupId = groupId(group);
        return edit(handle, () -> ns.addContact(ListType.FL, handle, name, groupId), MsnpError.ALREADY_THERE)
                .thenCompose(v -> allow(handle));
    }

    /** REM FL. */
    CompletionStage<Void> remove(String handle) {
        return edit(handle, () -> ns.removeContact(ListType.FL, handle, null), MsnpError.NOT_ON_LIST);
    }

    /** Onto AL, off BL. */
    CompletionStage<Void> allow(String handle) {
        return move(handle, ListType.BL, ListType.AL);
    }

    /** Onto BL, off AL. */
    CompletionStage<Void> block(String handle) {
        return move(handle, ListType.AL, ListType.BL);
    }

    private CompletionStage<Void> move(String handle, ListType from, ListType to) {
        boolean onFrom = ns.contactList().contact(handle).map(c -> c.isOn(from)).orElse(false);
        CompletionStage<Void> off = onFrom
                ? edit(handle, () -> ns.removeContact(from, handle, null), MsnpError.NOT_ON_LIST)
                : CompletableFuture.completedFuture(null);
        String name = ns.contactList().contact(handle).map(Contact::friendlyName).orElse(handle);
        return off.thenCompose(v -> edit(handle, () -> ns.addContact(to, handle, storableName(name, handle), null),
                MsnpError.ALREADY_THERE));
    }

    /** Runs one list request; {@code harmless} counts as success, everything else becomes a user-facing failure. */
    private static CompletionStage<Void> edit(String handle, Supplier<CompletionStage<?>> request, MsnpError harmless) {
        CompletionStage<?> stage;
        try {
            stage = request.get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(MsnFailures.listEdit(e, handle));
        }
        return stage.handle((v, e) -> {
            Throwable t = e == null ? null : MsnFailures.unwrap(e);
            if (t == null || (t instanceof MsnErrorException m && m.error() == harmless)) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.<Void>failedFuture(MsnFailures.listEdit(t, handle));
        }).thenCompose(f -> f);
    }

    private Integer groupId(String group) {
        if (group == null || group.isBlank()) {
            return null;
        }
        return ns.contactList().groups().entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(group.trim()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** {@code name} when MSN can store it (1 to 387 bytes encoded), else the handle. */
    private static String storableName(String name, String handle) {
        if (name == null || name.isBlank()) {
            return handle;
        }
        int encoded = MsnpNames.encode(name).length();
        return encoded <= MsnpNames.MAX_FRIENDLY_NAME_BYTES ? name : handle;
    }
}
