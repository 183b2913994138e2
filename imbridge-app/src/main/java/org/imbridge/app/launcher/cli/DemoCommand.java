package org.imbridge.app.launcher.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.imbridge.app.launcher.LogSetup;
import org.imbridge.app.launcher.demo.Demo;
import org.imbridge.app.launcher.demo.DemoOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imbridge demo [--tour]}: the whole product on loopback, for a first look. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs everything on loopback for a first look: a private Prosody with the transport's component, "
                + "our MSN network with demo accounts (and Echo Bot, a contact that types, then answers), and the "
                + "transport; prints a Jabber account to log in with from any client, and what to try. Ctrl-C stops "
                + "everything.",
                "Needs Prosody (apt-get install prosody; ./imbridge-demo installs it when missing)."},
        footer = {"", ExitCodes.HELP})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--tour", description = "Instead of waiting for you, a scripted Jabber client registers, gets its "
            + "roster and presence, chats with Echo Bot and prints the conversation; exits 0 only if every step worked.")
    boolean tour;

    @Option(names = "--log", paramLabel = "FILE", defaultValue = "${java.io.tmpdir}/imbridge-demo.log",
            description = "where the logs go (default ${DEFAULT-VALUE})")
    Path log;

    @Override
    public Integer call() throws Exception {
        LogSetup.toFile(log);
        System.setProperty("imbridge.log.file", log.toString());
        PrintStream out = System.out;
        Demo demo = new Demo(DemoOptions.defaults(tour), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println();
            out.println("Stopping the demo …");
            demo.close();
            out.println("Stopped.");
            stopped.countDown();
        }, "imbridge-demo-shutdown");
        int code;
        try {
            code = demo.start();
        } catch (Exception e) {
            out.println();
            out.println("The demo could not start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            out.println("Logs: " + log);
            demo.close();
            return ExitCodes.FAILURE;
        }
        if (tour || code != ExitCodes.OK) {
            demo.close();
            if (code == Demo.EXIT_NO_PROSODY) {
                return ExitCodes.MISSING;
            }
            return code;
        }
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return ExitCodes.OK;
    }
}
