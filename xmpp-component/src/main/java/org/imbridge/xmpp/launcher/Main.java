package org.imbridge.xmpp.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.imbridge.xmpp.config.ConfigException;
import org.imbridge.xmpp.config.ConfigLoader;
import org.imbridge.xmpp.config.TransportConfig;
import org.imbridge.xmpp.stream.ComponentConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code imbridge run [--config FILE]}: runs the transport until it is stopped (Ctrl-C, SIGTERM) or
 * the XMPP server refuses it for good. Exit codes: 0 stopped, 2 bad configuration, 3 refused by the
 * XMPP server (wrong secret, name in use, unknown domain), 1 anything else.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_REFUSED = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path configFile = Path.of("config/transport.yaml");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (!args[i].equals("run")) {
                System.err.println("usage: imbridge run [--config FILE]");
                return EXIT_CONFIG;
            }
        }
        TransportConfig config;
        try {
            config = ConfigLoader.withSystemEnvironment().load(configFile);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return EXIT_CONFIG;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        int[] exit = {EXIT_OK};
        Transport transport;
        try {
            transport = Transport.start(new TransportFactory().settings(config), s -> {
                if (s.fatal()) {
                    LOG.error("the XMPP server refused the transport: {}", s.reason());
                    exit[0] = EXIT_REFUSED;
                }
                stopped.countDown();
            }).toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            System.err.println("cannot start: " + cause.getMessage());
            return cause instanceof ComponentConnectionException c && c.isFatal() ? EXIT_REFUSED : EXIT_FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            transport.close();
            stopped.countDown();
        }, "imbridge-shutdown"));
        LOG.info("IMBridge is running as {}", config.component().jid());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exit[0];
    }
}
