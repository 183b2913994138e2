package org.imbridge.xmpp.gateway.register;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.core.registration.LegacyAccountInUseException;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.settings.SettingsForm;
import org.imbridge.xmpp.gateway.settings.UserSettings;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0077 on the transport JID. {@code get} returns the form (with the current account when
 * registered); {@code set} checks the allowlist and the credentials (one login to the legacy network),
 * stores the registration and, for a new one, asks the user to subscribe to the transport (XEP-0100
 * §4.1.1); {@code <remove/>} logs the user out, deletes every record and retracts the subscriptions of
 * the transport and of every contact JID that was in the user's roster.
 *
 * <p>A registered user who is online also finds their settings (name, privacy) in the form; a
 * submission that keeps the account applies the settings it changes before anything else, and fails
 * as a whole when the network refuses them.
 *
 * <p>This handler sends its responses itself (and returns {@code null} to the router), because the
 * result must go out before the presences that follow it.
 */
public final class RegisterHandler implements IqHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);

    private final JidMapping jids;
    private final LegacyNetwork network;
    private final RegistrationStore store;
    private final Executor storeExecutor;
    private final Supplier<UserAllowlist> allowlist;
    private final StanzaSink sink;
    private final RegistrationListener listener;
    private final RegistrationForm form;
    private final RosterRetraction retraction;
    private final LocalRemovals local;
    private final UserSettings settings;

    public RegisterHandler(JidMapping jids, LegacyNetwork network, RegistrationStore store, Executor storeExecutor,
                           Supplier<UserAllowlist> allowlist, StanzaSink sink, RegistrationListener listener) {
        this(jids, network, store, storeExecutor, allowlist, sink, listener, new LocalRemovals(),
                new UserSettings(network.profile(), user -> Optional.empty()));
    }

    /**
     * @param local    where the removals made here are marked, so that the removal log does not bring them back
     * @param settings the registered user's own settings, shown and changed through the form
     */
    public RegisterHandler(JidMapping jids, LegacyNetwork network, RegistrationStore store, Executor storeExecutor,
                           Supplier<UserAllowlist> allowlist, StanzaSink sink, RegistrationListener listener,
                           LocalRemovals local, UserSettings settings) {
        this.retraction = new RosterRetraction(jids, sink);
        this.local = local;
        this.jids = jids;
        this.network = network;
        this.store = store;
        this.storeExecutor = storeExecutor;
        this.allowlist = allowlist;
        this.sink = sink;
        this.listener = listener;
        this.form = new RegistrationForm(network.profile());
        this.settings = settings;
    }

    @Override
    public String element() {
        return org.jivesoftware.smackx.iqregister.packet.Registration.ELEMENT;
    }

    @Override
    public String namespace() {
        return org.jivesoftware.smackx.iqregister.packet.Registration.NAMESPACE;
    }

    @Override
    public CompletionStage<IQ> handle(IQ request) {
        if (!jids.isTransport(request.getTo())) {
            return reply(IQ.createErrorResponse(request, StanzaError.Condition.service_unavailable));
        }
        var registration = (org.jivesoftware.smackx.iqregister.packet.Registration) request;
        String user = request.getFrom().asBareJid().toString();
        CompletionStage<IQ> answer;
        if (request.getType() == IQ.Type.get) {
            answer = CompletableFuture.supplyAsync(() -> store.find(user, network.id()), storeExecutor)
                    .thenCompose(existing -> blankForm(request, user, existing));
        } else if (RegistrationForm.isRemoval(registration)) {
            answer = remove(request, user);
        } else {
            answer = register(request, user, form.read(registration));
        }
        return answer.exceptionally(failure -> {
            LOG.warn("registration request of {} failed", user, unwrap(failure));
            sink.send(IQ.createErrorResponse(request, StanzaError.Condition.internal_server_error));
            return null;
        });
    }

    private CompletionStage<IQ> register(IQ request, String user, RegistrationForm.Submission submission) {
        if (!allowlist.get().allows(user)) {
            return error(request, StanzaError.Condition.not_allowed, "This transport does not accept registrations from " + user);
        }
        Optional<String> missing = submission.missingField();
        if (missing.isPresent()) {
            return error(request, StanzaError.Condition.not_acceptable, "The field '" + missing.get() + "' is required");
        }
        if (!network.isValidAccount(submission.account())) {
            return error(request, StanzaError.Condition.not_acceptable,
                    "'" + submission.account() + "' is not a valid " + network.name() + " account");
        }
        LegacyAddress account = LegacyAddress.of(submission.account());
        LegacyCredentials credentials = new LegacyCredentials(account, submission.password());
        DataForm submitted = DataForm.from((org.jivesoftware.smackx.iqregister.packet.Registration) request);
        return CompletableFuture.supplyAsync(() -> store.find(user, network.id()), storeExecutor)
                .thenCompose(existing -> applySettings(user, existing, account, submitted).thenApply(failure -> {
                    if (failure != null) {
                        sink.send(IQ.createErrorResponse(request, StanzaError.from(
                                UserSettings.condition(failure), failure.userText()).build()));
                        return null;
                    }
                    return existing;
                }))
                .thenCompose(existing -> existing == null ? CompletableFuture.completedFuture(null)
                        : registerCredentials(request, user, existing, account, credentials, submission));
    }

    /** The form for a new user, or with the account and (when online) the settings of a registered one. */
    private CompletionStage<IQ> blankForm(IQ request, String user, Optional<Registration> existing) {
        if (existing.isEmpty()) {
            return CompletableFuture.completedFuture(answer(request, form.blank(null)));
        }
        return currentSettings(user).thenApply(current -> answer(request, form.blank(existing.get().legacyAccount(), current)));
    }

    /** The user's settings when they can be read now (the user is online), else null. */
    private CompletionStage<AccountSettings> currentSettings(String user) {
        return settings.current(user).handle((current, failure) -> failure == null ? current : null);
    }

    /**
     * Applies the settings a registered user submitted along with an unchanged account; the failure, or
     * null when there was nothing to do or it went through.
     */
    private CompletionStage<DeliveryFailure> applySettings(String user, Optional<Registration> existing,
                                                           LegacyAddress account, DataForm submitted) {
        if (existing.isEmpty() || !SettingsForm.hasSettings(submitted)
                || !existing.get().legacyAccount().equals(account.value())) {
            return CompletableFuture.completedFuture(null);
        }
        return settings.apply(user, submitted).handle((v, failure) -> {
            if (failure == null) {
                return null;
            }
            DeliveryFailure f = settings.failure(failure);
            LOG.info("settings of {} not changed: {}", user, f.userText());
            return f;
        });
    }

    private CompletionStage<IQ> registerCredentials(IQ request, String user, Optional<Registration> found,
                                                    LegacyAddress account, LegacyCredentials credentials,
                                                    RegistrationForm.Submission submission) {
        return CompletableFuture.completedFuture(found)
                .thenCompose(existing -> unchanged(existing, credentials)
                        // a second login with the same account would log the user's live session out
                        ? CompletableFuture.completedFuture(null)
                        : network.verifyCredentials(credentials))
                .thenApplyAsync(ok -> save(user, account.value(), submission.password()), storeExecutor)
                .handle((saved, failure) -> {
                    if (failure != null) {
                        return failed(request, account, unwrap(failure));
                    }
                    sendResult(request);
                    listener.onRegistered(saved.registration(), saved.isNew());
                    if (saved.isNew()) {
                        sink.send(presence(Presence.Type.subscribe, jids.transport(), request.getFrom().asBareJid()));
                    }
                    LOG.info("{} {} as {}", user, saved.isNew() ? "registered" : "re-registered", account);
                    return null;
                });
    }

    private static boolean unchanged(Optional<Registration> existing, LegacyCredentials credentials) {
        return existing.isPresent()
                && existing.get().legacyAccount().equals(credentials.account().value())
                && existing.get().legacyPassword().equals(credentials.password());
    }

    private Saved save(String user, String account, String password) {
        Optional<Registration> existing = store.find(user, network.id());
        Registration registration = existing
                .map(r -> r.withLegacyCredentials(account, password))
                .orElseGet(() -> Registration.of(user, network.id(), account, password));
        store.save(registration);
        return new Saved(registration, existing.isEmpty());
    }

    private IQ failed(IQ request, LegacyAddress account, Throwable failure) {
        StanzaError.Builder error;
        if (failure instanceof LoginFailure login) {
            // a wrong password is the user's to fix; the network unreachable or refusing is the admin's
            if (login.kind() == LoginFailure.Kind.BAD_CREDENTIALS || login.kind() == LoginFailure.Kind.MALFORMED_ACCOUNT) {
                LOG.info("registration of {} as {} refused by {}: {}", request.getFrom().asBareJid(), account,
                        network.name(), login.getMessage());
            } else {
                LOG.warn("registration of {} as {} failed, {} {}: {}", request.getFrom().asBareJid(), account,
                        network.name(), login.kind().name().toLowerCase(java.util.Locale.ROOT), login.getMessage());
            }
            error = StanzaError.from(LoginFailureErrors.conditionFor(login.kind()), login.getMessage());
        } else if (failure instanceof LegacyAccountInUseException) {
            LOG.info("registration of {} as {} refused: the account is registered by another user",
                    request.getFrom().asBareJid(), account);
            error = StanzaError.from(StanzaError.Condition.conflict,
                    "This " + network.name() + " account is already registered by another user");
        } else {
            LOG.warn("registration of {} failed", request.getFrom().asBareJid(), failure);
            error = StanzaError.from(StanzaError.Condition.internal_server_error, "Registration failed");
        }
        sink.send(IQ.createErrorResponse(request, error.build()));
        return null;
    }

    private CompletionStage<IQ> remove(IQ request, String user) {
        return CompletableFuture.supplyAsync(() -> store.find(user, network.id()), storeExecutor)
                .thenApplyAsync(existing -> {
                    if (existing.isEmpty()) {
                        sink.send(IQ.createErrorResponse(request, StanzaError.Condition.registration_required));
                        return null;
                    }
                    listener.onUnregistering(user);
                    Set<String> contacts = store.syncedContacts(user, network.id());
                    local.remove(user, () -> store.remove(user, network.id()));
                    sendResult(request);
                    retraction.retract(request.getFrom().asBareJid(), contacts);
                    LOG.info("{} removed their registration ({} contacts retracted)", user, contacts.size());
                    return null;
                }, storeExecutor);
    }

    private void sendResult(IQ request) {
        sink.send(IQ.createResultIQ(request));
    }

    private IQ answer(IQ request, IQ answer) {
        answer.setType(IQ.Type.result);
        answer.setStanzaId(request.getStanzaId());
        answer.setTo(request.getFrom());
        answer.setFrom(request.getTo());
        sink.send(answer);
        return null;
    }

    private CompletionStage<IQ> error(IQ request, StanzaError.Condition condition, String text) {
        sink.send(IQ.createErrorResponse(request, StanzaError.from(condition, text).build()));
        return CompletableFuture.completedFuture(null);
    }

    private static CompletionStage<IQ> reply(IQ iq) {
        return CompletableFuture.completedFuture(iq);
    }

    private static Presence presence(Presence.Type type, Jid from, Jid to) {
        return StanzaBuilder.buildPresence().ofType(type).from(from).to(to).build();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private record Saved(Registration registration, boolean isNew) {
    }
}
