package org.imbridge.msn.plugin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.msn.client.Contact;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;

/**
 * Puts a forward-list contact in exactly the named groups (docs/msnp.md §5.5, §5.7): ADG for names no
 * group has yet, ADD FL with a group id for each group to join, then REM FL with a group id for each
 * group to leave. Joins come first because our server drops a contact from FL when it leaves its last
 * group; no groups at all means group 0, so the contact always stays on FL. Groups left empty are kept:
 * removing an MSN group is the user's decision on MSN, not a side effect of moving one contact.
 */
final class GroupEdits {

    private static final int DEFAULT_GROUP = 0;

    private final NotificationSession ns;

    GroupEdits(NotificationSession ns) {
        this.ns = ns;
    }

    CompletionStage<Void> setGroups(String handle, Set<String> groups) {
        Optional<Contact> contact = ns.contactList().contact(handle).filter(c -> c.isOn(ListType.FL));
        if (contact.isEmpty()) {
            return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE,
                    handle + " is not on your MSN contact list"));
        }
        Set<String> names = new LinkedHashSet<>();
        for (String g : groups) {
            String name = g == null ? "" : g.strip();
            if (name.isEmpty()) {
                continue;
            }
            int encoded = MsnpNames.encode(name).length();
            if (encoded > MsnpNames.MAX_GROUP_NAME_BYTES) {
                return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE,
                        "MSN group names can have at most " + MsnpNames.MAX_GROUP_NAME_BYTES
                                + " bytes; \"" + name + "\" is too long"));
            }
            names.add(name);
        }
        CompletionStage<Void> created = CompletableFuture.completedFuture(null);
        for (String name : names) {
            created = created.thenCompose(v -> groupId(name).isPresent() ? CompletableFuture.<Void>completedFuture(null)
                    : edit(handle, () -> ns.addGroup(name), null));
        }
        String friendly = contact.get().friendlyName();
        return created.thenCompose(v -> {
            List<Integer> wanted = new ArrayList<>();
            for (String name : names) {
                wanted.add(groupId(name).orElseThrow(() -> new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                        "MSN did not create the group \"" + name + "\"")));
            }
            if (wanted.isEmpty()) {
                wanted.add(DEFAULT_GROUP);
            }
            List<Integer> have = ns.contactList().contact(handle).map(Contact::groupIds).orElse(List.of());
            CompletionStage<Void> step = CompletableFuture.completedFuture(null);
            for (Integer id : wanted) {
                if (!have.contains(id)) {
                    step = step.thenCompose(x -> edit(handle,
                            () -> ns.addContact(ListType.FL, handle, friendly, id), MsnpError.ALREADY_THERE));
                }
            }
            for (Integer id : have) {
                if (!wanted.contains(id)) {
                    step = step.thenCompose(x -> edit(handle,
                            () -> ns.removeContact(ListType.FL, handle, id), MsnpError.NOT_IN_GROUP));
                }
            }
            return step;
        });
    }

    /** The id of the group named exactly {@code name}; XMPP roster groups are case-sensitive. */
    private Optional<Integer> groupId(String name) {
        return ns.contactList().groups().entrySet().stream()
                .filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
    }

    private static CompletionStage<Void> edit(String handle,
                                              java.util.function.Supplier<CompletionStage<?>> request,
                                              MsnpError harmless) {
        CompletionStage<?> stage;
        try {
            stage = request.get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE,
                    "MSN cannot store this group change: " + e.getMessage()));
        }
        return stage.handle((v, e) -> {
            Throwable t = e == null ? null : MsnFailures.unwrap(e);
            if (t == null || (harmless != null && t instanceof MsnErrorException m && m.error() == harmless)) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.<Void>failedFuture(MsnFailures.listEdit(t, handle));
        }).thenCompose(Function.identity());
    }
}
