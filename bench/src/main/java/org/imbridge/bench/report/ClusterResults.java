package org.imbridge.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What the several-instances scenario measured: the login storm over two instances, what each held,
 * and the take-over of a killed instance's users by the survivor. Printed as a table, written as JSON.
 */
public final class ClusterResults {

    /** The take-over target: this many users back on the survivor within {@link #TARGET_SECONDS}. */
    public static final int TARGET_USERS = 5_000;
    public static final double TARGET_SECONDS = 30;

    /**
     * One instance after the login storm.
     *
     * @param name        its instance name
     * @param claims      users whose session it holds (the shared database's claims)
     * @param activeUsers users with a live session (its own count)
     * @param heapBytes   heap in use after a full GC
     * @param threads     live threads
     */
    public record Held(String name, int claims, int activeUsers, long heapBytes, int threads) {
        double heapKiBPerUser() {
            return activeUsers == 0 ? Double.NaN : heapBytes / 1024.0 / activeUsers;
        }
    }

    /**
     * The take-over, every time measured from the SIGKILL.
     *
     * @param victim          the killed instance
     * @param users           its users (claims at the kill)
     * @param goneMs          when our MSN network had seen all of them go offline
     * @param slotMs          when the survivor held the dead instance's balancing slot again
     * @param firstBackMs     when the first was logged in again
     * @param allBackMs       when the last was, or -1
     * @param back            how many were back at the end of the wait
     * @param survivorActive  users with a live session on the survivor afterwards
     * @param dropped         stanzas the driver could not route (empty slot), during the whole run
     * @param probesAnswered  presence probes the driver answered, during the whole run
     */
    public record Takeover(String victim, int users, long goneMs, long slotMs, long firstBackMs, long allBackMs,
                           int back, int survivorActive, long dropped, long probesAnswered) {
        boolean complete() {
            return back == users && allBackMs >= 0;
        }

        double perSecond() {
            return allBackMs <= 0 ? Double.NaN : users / (allBackMs / 1000.0);
        }
    }

    private final Map<String, Object> config;
    private final double loadAverageAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    private double registerSeconds;
    private int loginUsers;
    private int loginOnline;
    private long loginNanos;
    private final List<Held> held = new ArrayList<>();
    private Takeover takeover;

    public ClusterResults(Map<String, Object> config) {
        this.config = config;
    }

    public void registered(double seconds) {
        registerSeconds = seconds;
    }

    public void loginStorm(int users, int online, long nanos) {
        loginUsers = users;
        loginOnline = online;
        loginNanos = nanos;
    }

    public void held(Held instance) {
        held.add(instance);
    }

    public void takeover(Takeover result) {
        takeover = result;
    }

    /** @return true when every user came online and every user of the killed instance came back */
    public boolean complete() {
        return loginUsers > 0 && loginOnline == loginUsers && takeover != null && takeover.complete();
    }

    public Takeover takeover() {
        return takeover;
    }

    public List<Held> held() {
        return List.copyOf(held);
    }

    double loginsPerSecond() {
        return loginNanos == 0 ? Double.NaN : loginOnline / (loginNanos / 1e9);
    }

    /** "met", "NOT met", or why the target does not apply to this run. */
    String targetVerdict() {
        if (takeover == null) {
            return "not measured";
        }
        if (takeover.users() < TARGET_USERS) {
            return "n/a (" + takeover.users() + " users taken over; the target is about " + TARGET_USERS + ")";
        }
        return takeover.complete() && takeover.allBackMs() <= TARGET_SECONDS * 1000 ? "met" : "NOT met";
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("Several instances (two transports, one PostgreSQL, bare-source balancing over 2 slots)\n");
        sb.append(String.format("  users registered             %,d (in %.1f s)%n", loginUsers, registerSeconds));
        sb.append(String.format("  login storm                  %,d of %,d online in %.2f s: %,.0f logins/s%n",
                loginOnline, loginUsers, loginNanos / 1e9, loginsPerSecond()));
        for (Held h : held) {
            sb.append(String.format("  held by %-20s %,d users (%,d claims), %.1f KiB heap per user, %d threads%n",
                    h.name(), h.activeUsers(), h.claims(), h.heapKiBPerUser(), h.threads()));
        }
        if (takeover != null) {
            Takeover t = takeover;
            sb.append(String.format("  kill -9 of %s: its %,d users%n", t.victim(), t.users()));
            sb.append(String.format("    gone from MSN after        %,d ms%n", t.goneMs()));
            sb.append(String.format("    its slot held again after  %,d ms%n", t.slotMs()));
            sb.append(String.format("    first back on MSN after    %,d ms%n", t.firstBackMs()));
            sb.append(t.complete()
                    ? String.format("    all back on MSN after      %,d ms (%,.0f users/s)%n", t.allBackMs(), t.perSecond())
                    : String.format("    only %,d of %,d back%n", t.back(), t.users()));
            sb.append(String.format("    survivor's live sessions   %,d%n", t.survivorActive()));
            sb.append(String.format("    stanzas dropped (no slot)  %,d; probes answered %,d%n", t.dropped(),
                    t.probesAnswered()));
            sb.append(String.format("  target: %,d users taken over in <= %.0f s: %s%n", TARGET_USERS, TARGET_SECONDS,
                    targetVerdict()));
        }
        sb.append(String.format("  load average at start %.2f%n", loadAverageAtStart));
        return sb.toString();
    }

    Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", config);
        root.put("registerSeconds", registerSeconds);
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("users", loginUsers);
        login.put("online", loginOnline);
        login.put("seconds", loginNanos / 1e9);
        login.put("perSecond", loginsPerSecond());
        root.put("loginStorm", login);
        root.put("held", held);
        root.put("takeover", takeover);
        root.put("target", targetVerdict());
        root.put("loadAverageAtStart", loadAverageAtStart);
        return root;
    }

    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson());
    }
}
