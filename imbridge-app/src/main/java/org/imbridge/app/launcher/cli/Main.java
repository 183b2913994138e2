package org.imbridge.app.launcher.cli;

import java.io.PrintWriter;

import org.imbridge.app.launcher.LogSetup;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code imbridge} command line:
 *
 * <pre>
 * imbridge run [--config FILE]          run the transport
 * imbridge check-config [--config FILE] validate the configuration and exit
 * imbridge users list|show JID|remove JID [--config FILE]   registrations, with the transport stopped
 * imbridge msn-server --port N --accounts FILE              our MSN network
 * imbridge demo [--tour]                                    everything on loopback, for a first look
 * </pre>
 *
 * Every command has {@code --help}; exit codes are in {@link ExitCodes}.
 */
@Command(name = "imbridge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "XMPP transport (XEP-0114 component) to MSN Messenger, with its own MSN network.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, UsersCommand.class, MsnServerCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class},
        footer = {"", ExitCodes.HELP})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("users")) {
            LogSetup.quiet(); // the listing is the answer; the store's start-up lines are noise there
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns its exit code (never calls {@link System#exit}). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("imbridge: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see the list above)");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"IMBridge " + (v == null ? "(development build)" : v)};
        }
    }
}
