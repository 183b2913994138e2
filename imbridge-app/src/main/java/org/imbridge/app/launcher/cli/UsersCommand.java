package org.imbridge.app.launcher.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.imbridge.app.config.JidRules;
import org.imbridge.app.config.TransportConfig;
import org.imbridge.app.launcher.StoreFiles;
import org.imbridge.app.launcher.TransportFactory;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.RegistrationStoreException;
import org.imbridge.store.RegistrationStores;
import org.imbridge.store.SecretBoxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imbridge users list|show JID|remove JID}: the registrations in the store named by the
 * config. With H2 the transport must be stopped (an H2 file can only be open in one process); with
 * PostgreSQL it may run, and carries out a removal (logout, notice, roster retraction) from the
 * store's removal log within {@code storage.removal-poll-interval}.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Lists, shows and removes registered users, straight from the store.",
                "With H2, stop the transport first (its database can be open in one process only) or, while it "
                        + "runs, use its admin command 'Remove a user'. With PostgreSQL the transport may run: it "
                        + "logs a removed user out within seconds."},
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.ShowUser.class, UsersCommand.RemoveUser.class},
        footer = {"", ExitCodes.HELP})
final class UsersCommand implements Runnable {

    /** The network whose registrations are managed. */
    static final String NETWORK = "msn";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say list, show JID or remove JID");
    }

    /**
     * Opens the store, runs {@code action} on it, and turns store problems into messages and exit codes.
     * Never creates a store: when its database or key file is missing, says which and fails.
     */
    static int withStore(ConfigOption config, CommandSpec spec, StoreAction action) {
        PrintWriter err = spec.commandLine().getErr();
        Optional<TransportConfig> loaded = config.loadWithoutSecretOrExplain(err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        List<String> missing = StoreFiles.missing(loaded.get().storage(), System::getenv);
        if (!missing.isEmpty()) {
            err.println("no store to read: " + String.join("; ", missing) + ".");
            err.println("(relative paths in " + config.file + " are relative to its directory; `imbridge run` "
                    + "creates the store on first start)");
            return ExitCodes.FAILURE;
        }
        try (RegistrationStore store = RegistrationStores.open(TransportFactory.storeConfig(loaded.get().storage()))) {
            return action.run(store, spec.commandLine().getOut(), err);
        } catch (RegistrationStoreException | SecretBoxException e) {
            err.println("cannot open the store: " + e.getMessage());
            if (String.valueOf(e.getMessage()).contains("in use") || String.valueOf(e.getMessage()).contains("locked")) {
                err.println("(is the transport running? its H2 database can be open in one process only: stop it "
                        + "first, or remove users while it runs with its admin command 'Remove a user')");
            }
            return ExitCodes.FAILURE;
        }
    }

    /** {@code jid} as the store keeps it (bare, normalised); a usage error naming it otherwise. */
    static String bareJid(String jid, CommandSpec spec) {
        try {
            return JidRules.bareJid(jid);
        } catch (JidRules.InvalidJid e) {
            throw new ParameterException(spec.commandLine(), "JID " + e.getMessage());
        }
    }

    /** Something done with an open store. */
    interface StoreAction {
        int run(RegistrationStore store, PrintWriter out, PrintWriter err);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every registered user.",
            footer = {"", ExitCodes.HELP})
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withStore(config, spec, (store, out, err) -> {
                List<Registration> all = store.all(NETWORK);
                for (Registration r : all) {
                    out.printf("%-40s %-32s registered %s%n", r.userJid(), r.legacyAccount(), r.registeredAt());
                }
                out.println(all.size() + (all.size() == 1 ? " user" : " users"));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one user's registration.",
            footer = {"", ExitCodes.HELP})
    static final class ShowUser implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "JID", description = "the user's bare JID (user@domain, any case; no /resource)")
        String jid;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String user = bareJid(jid, spec);
            return withStore(config, spec, (store, out, err) -> {
                Optional<Registration> found = store.find(user, NETWORK);
                if (found.isEmpty()) {
                    err.println("no user " + user + " is registered");
                    return ExitCodes.NOT_FOUND;
                }
                Registration r = found.get();
                out.println("user            " + r.userJid());
                out.println("MSN account     " + r.legacyAccount());
                out.println("registered      " + r.registeredAt());
                out.println("updated         " + r.updatedAt());
                out.println("contacts synced " + store.syncedContacts(user, NETWORK).size());
                r.settings().forEach((k, v) -> out.println("setting         " + k + " = " + v));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Deletes one user's registration and everything kept with it.",
                    "A transport running on the same PostgreSQL database logs the user out, tells them and "
                            + "retracts their roster entries."},
            footer = {"", ExitCodes.HELP})
    static final class RemoveUser implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "JID", description = "the user's bare JID (user@domain, any case; no /resource)")
        String jid;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String user = bareJid(jid, spec);
            return withStore(config, spec, (store, out, err) -> {
                if (!store.remove(user, NETWORK)) {
                    err.println("no user " + user + " is registered");
                    return ExitCodes.NOT_FOUND;
                }
                out.println("removed " + user);
                return ExitCodes.OK;
            });
        }
    }
}
