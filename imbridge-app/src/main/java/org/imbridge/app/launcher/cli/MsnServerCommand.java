package org.imbridge.app.launcher.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerMain;
import org.imbridge.msnserver.account.AccountsFileException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code imbridge msn-server}: our MSN network, as {@code java -jar msn-server.jar} runs it. */
@Command(name = "msn-server", mixinStandardHelpOptions = true,
        description = {"Runs our MSN network (MSNP7): dispatch, notification and switchboard servers.",
                "Prints dispatch=HOST:PORT, notification=… and switchboard=… on stdout, then runs until stopped."},
        footer = {"", ExitCodes.HELP})
final class MsnServerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "1863",
            description = "the dispatch port (0: a free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--accounts", paramLabel = "FILE", required = true,
            description = "the accounts file, e.g. config/msn-accounts.yaml")
    Path accounts;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "the address to bind (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "the host told to clients in referrals (default: --host)")
    String advertisedHost;

    @Option(names = "--ns-port", paramLabel = "PORT", description = "the notification port (default: a free one)")
    Integer nsPort;

    @Option(names = "--sb-port", paramLabel = "PORT", description = "the switchboard port (default: a free one)")
    Integer sbPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        MsnServer server;
        try {
            server = start(System.out);
        } catch (AccountsFileException | IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot start: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "msn-server-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    /** Starts the network with these options and prints its addresses to {@code out}. */
    MsnServer start(PrintStream out) throws IOException {
        return MsnServerMain.launch(arguments().toArray(String[]::new), out);
    }

    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--accounts", accounts.toString(),
                "--host", host));
        if (advertisedHost != null) {
            args.addAll(List.of("--advertised-host", advertisedHost));
        }
        if (nsPort != null) {
            args.addAll(List.of("--ns-port", String.valueOf(nsPort)));
        }
        if (sbPort != null) {
            args.addAll(List.of("--sb-port", String.valueOf(sbPort)));
        }
        return args;
    }
}
