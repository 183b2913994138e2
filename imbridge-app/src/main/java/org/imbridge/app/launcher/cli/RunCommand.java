package org.imbridge.app.launcher.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.config.TransportConfig;
import org.imbridge.app.launcher.LogSetup;
import org.imbridge.app.launcher.Transport;
import org.imbridge.app.launcher.TransportFactory;
import org.imbridge.xmpp.stream.ComponentConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code imbridge run}: runs the transport until it is stopped (Ctrl-C, SIGTERM) or the XMPP server
 * refuses it for good.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the transport: connects to the XMPP server as a component and bridges its users to MSN.",
                "Stops on Ctrl-C or SIGTERM, logging every user out of MSN first.",
                "Allowlist, admins, limits and log level follow the file while it runs; a bad edit is refused "
                        + "(logged) and the running configuration stays."},
        footer = {"", ExitCodes.HELP})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        Optional<TransportConfig> valid = config.loadOrExplain(spec.commandLine().getErr());
        if (valid.isEmpty()) {
            return ExitCodes.USAGE;
        }
        TransportConfig loaded = valid.get();
        LogSetup.routeJavaUtilLogging();
        LogSetup.instance(loaded.instance().effectiveName());
        LogSetup.level(loaded.logging().level());
        LogSetup.repeatsPerMinute(loaded.logging().repeatsPerMinute());
        if (loaded.logging().file() != null) {
            LogSetup.alsoToFile(java.nio.file.Path.of(loaded.logging().file()), loaded.logging().maxFileSize(),
                    loaded.logging().maxDays(), loaded.logging().totalSizeCap());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger(ExitCodes.OK);
        Optional<Duration> giveUp = loaded.component().startupWait();
        Transport transport;
        CompletableFuture<Transport> starting = null;
        try {
            starting = Transport.start(new TransportFactory().settings(loaded, config.file,
                    ConfigLoader.withSystemEnvironment()), s -> {
                if (s.fatal()) {
                    log.error("the XMPP server refused the transport: {}", s.reason());
                    exit.set(ExitCodes.REFUSED);
                }
                stopped.countDown();
            }).toCompletableFuture();
            transport = giveUp.isPresent() ? starting.get(giveUp.get().toMillis(), TimeUnit.MILLISECONDS)
                    : starting.get();
        } catch (java.util.concurrent.TimeoutException e) {
            starting.cancel(false);
            String message = "cannot start: the XMPP server at " + loaded.component().host() + ":"
                    + loaded.component().port() + " did not accept the component within "
                    + loaded.component().startupTimeout().strip() + " (component.startup-timeout); is it running,"
                    + " and does it know the component " + loaded.component().jid() + "?";
            log.error(message);
            spec.commandLine().getErr().println(message);
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            spec.commandLine().getErr().println("cannot start: " + (cause.getMessage() == null ? cause.toString()
                    : cause.getMessage()));
            return cause instanceof ComponentConnectionException c && c.isFatal() ? ExitCodes.REFUSED : ExitCodes.FAILURE;
        }
        Thread hook = new Thread(() -> {
            transport.close();
            LogSetup.flushRepeatCounts();
            stopped.countDown();
        }, "imbridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("IMBridge is running as {}", loaded.component().jid());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (exit.get() != ExitCodes.OK) {
            Runtime.getRuntime().removeShutdownHook(hook);
            transport.close();
            LogSetup.flushRepeatCounts();
        }
        return exit.get();
    }
}
