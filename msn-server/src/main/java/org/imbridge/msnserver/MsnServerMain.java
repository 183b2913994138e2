package org.imbridge.msnserver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.imbridge.msnserver.account.AccountsFile;
import org.imbridge.msnserver.account.AccountsFileException;

/**
 * Runs the MSN network stand-alone:
 *
 * <pre>
 * java -jar msn-server.jar --port 1863 --accounts config/msn-accounts.yaml [--host 127.0.0.1]
 *      [--advertised-host H] [--ns-port N] [--sb-port N]
 * </pre>
 *
 * {@code --port} is the dispatch port (0 picks a free one; the notification and switchboard ports are
 * free ones unless given). Prints {@code dispatch=HOST:PORT}, {@code notification=HOST:PORT} and
 * {@code switchboard=HOST:PORT} on stdout, then runs until the process is stopped; a shutdown hook
 * sends {@code OUT SSD} and closes cleanly.
 */
public final class MsnServerMain {

    private static final String USAGE = "usage: msn-server --port PORT --accounts FILE [--host HOST]"
            + " [--advertised-host HOST] [--ns-port PORT] [--sb-port PORT]";

    private MsnServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            // before the first logger exists: logs to stderr, stdout stays for the addresses
            System.setProperty("logback.configurationFile", "msn-server-logback.xml");
        }
        MsnServer server;
        try {
            server = launch(args, System.out);
        } catch (AccountsFileException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "msn-server-shutdown"));
        new CountDownLatch(1).await();
    }

    /**
     * Parses {@code args}, starts the network and prints the bound addresses to {@code out}.
     *
     * @throws UsageException for bad arguments
     * @throws IOException when a port cannot be bound
     */
    public static MsnServer launch(String[] args, PrintStream out) throws IOException {
        MsnServerConfig.Builder config = MsnServerConfig.builder().dispatchPort(1863);
        Path accounts = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new UsageException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> config.dispatchPort(port(option, value));
                case "--ns-port" -> config.notificationPort(port(option, value));
                case "--sb-port" -> config.switchboardPort(port(option, value));
                case "--host" -> config.host(value);
                case "--advertised-host" -> config.advertisedHost(value);
                case "--accounts" -> accounts = Path.of(value);
                default -> throw new UsageException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (accounts == null) {
            throw new UsageException("--accounts is required\n" + USAGE);
        }
        MsnServerConfig built = config.accounts(AccountsFile.load(accounts)).build();
        MsnServer server = MsnServer.start(built);
        String host = built.effectiveAdvertisedHost();
        out.println("dispatch=" + host + ":" + server.dispatchAddress().getPort());
        out.println("notification=" + host + ":" + server.notificationAddress().getPort());
        out.println("switchboard=" + host + ":" + server.switchboardAddress().getPort());
        out.flush();
        return server;
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a port number 0-65535, not '" + value + "'");
    }

    /** Bad command-line arguments; the message says what is wrong and how to call. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
