package org.imbridge.app.launcher.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.imbridge.app.config.TransportConfig;
import org.imbridge.app.launcher.StoreFiles;
import org.imbridge.app.launcher.TransportFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imbridge check-config}: validates the configuration file and prints what it says. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validates the configuration file without starting anything, and prints a summary.",
                "A problem is reported with the file, the key and what is wrong."},
        footer = {"", ExitCodes.HELP})
final class CheckConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<TransportConfig> loaded = config.loadOrExplain(spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        TransportConfig c = loaded.get();
        PrintWriter out = spec.commandLine().getOut();
        out.println(config.file + ": OK");
        out.println("  component     " + c.component().jid() + " via " + c.component().host() + ":" + c.component().port());
        out.println("  MSN network   " + c.msn().host() + ":" + c.msn().port());
        out.println("  storage       " + TransportFactory.storeConfig(c.storage()).loggableUrl()
                + ", key " + c.storage().keyFile());
        out.println("  registration  " + String.join(", ", c.registration().allow()));
        out.println("  admins        " + (c.admins().isEmpty() ? "(none)" : String.join(", ", c.admins())));
        out.println("  limits        " + c.limits().maxUsers() + " users, " + c.limits().maxMessageBytes()
                + " bytes per message, " + c.limits().messagesPerMinute() + " messages per minute per user");
        out.println("  logging       " + c.logging().level() + (c.logging().file() == null ? ", stderr" : ", stderr and "
                + c.logging().file()));
        out.println("  metrics       " + (c.metrics().enabled() ? "http://" + c.metrics().host() + ":" + c.metrics().port()
                + "/metrics" : "off"));
        TransportConfig.Instance instance = c.instance();
        out.println("  instance      " + instance.effectiveName() + ", heartbeat every " + human(instance.heartbeat())
                + ", lease " + human(instance.leaseDuration()) + ", hand-over grace " + human(instance.grace())
                + ", " + instance.slots() + (instance.slots() == 1 ? " component slot" : " component slots"));
        for (String missing : StoreFiles.missing(c.storage(), System::getenv)) {
            out.println("warning: " + missing + " yet; `imbridge run` creates it on first start");
        }
        return ExitCodes.OK;
    }

    private static String human(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
