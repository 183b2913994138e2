package org.imbridge.bench.node;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Entry point of a node process started by the driver ({@link NodeProcess}): {@code transport …}
 * runs the product, {@code relay …} the plain MINA relay. The node prints {@code READY …} on stdout
 * once up, then answers commands read from stdin, one per line: {@code stats} and {@code gcstats}
 * (one {@code STATS {json}} line), {@code quit}. Logs go to stderr.
 */
public final class NodeMain {

    private NodeMain() {
    }

    /** What a node is. */
    interface Node extends AutoCloseable {
        /** The line printed after {@code READY}. */
        String readyLine();

        NodeStats stats(boolean gc);

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: NodeMain transport|relay [options]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Node node = switch (args[0]) {
            case "transport" -> TransportNode.start(rest);
            case "relay" -> RelayNode.start(rest);
            default -> throw new IllegalArgumentException("unknown node kind " + args[0]);
        };
        ObjectMapper json = new ObjectMapper();
        System.out.println("READY " + node.readyLine());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "stats" -> System.out.println("STATS " + json.writeValueAsString(node.stats(false)));
                case "gcstats" -> System.out.println("STATS " + json.writeValueAsString(node.stats(true)));
                case "quit" -> {
                    node.close();
                    System.out.println("BYE");
                    System.out.flush();
                    System.exit(0);
                }
                default -> System.out.println("ERROR unknown command " + line);
            }
            System.out.flush();
        }
        node.close();
        System.exit(0);
    }

    /** The value after {@code --name} in {@code args}, or {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
