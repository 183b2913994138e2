package org.imbridge.app.launcher.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.imbridge.app.launcher.demo.TourClient.StepFailed;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * {@code imbridge demo --tour}: a scripted Jabber client goes through what a new user of the
 * transport does (log in, discover the transport, register an MSN account, approve the transport
 * and the contacts it brings, see who is online, chat with the echo contact) and prints each step
 * and the conversation. {@link #run} is true only when every step worked.
 */
public final class Tour {

    /** Where the tour's client logs in and which MSN account it registers. */
    public record Plan(String host, int c2sPort, String domain, String user, String password,
                       String transport, String msnAccount, String msnPassword, List<String> contacts,
                       String echoContact, String message, Duration stepTimeout) {

        public Plan {
            Objects.requireNonNull(transport, "transport");
            contacts = List.copyOf(contacts);
        }
    }

    private final Plan plan;
    private final PrintStream out;
    private final DomainBareJid transport;
    private final Map<String, String> nicks = new LinkedHashMap<>();
    private final List<String> details = new ArrayList<>();
    private int step;

    public Tour(Plan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
        this.transport = JidCreate.domainBareFromOrThrowUnchecked(plan.transport());
    }

    /** Runs every step in order, stopping at the first that fails. @return true when all worked */
    public boolean run() {
        out.println("The tour: a scripted Jabber client uses the transport as a new user would.");
        out.println();
        try (TourClient client = new TourClient(plan.host(), plan.c2sPort(), plan.domain(), plan.user(),
                plan.password(), plan.stepTimeout())) {
            List<Step> steps = List.of(
                    new Step("log in to the XMPP server as " + plan.user() + "@" + plan.domain(), client::login),
                    new Step("discover the transport " + plan.transport(), () -> discover(client)),
                    new Step("register with the MSN account " + plan.msnAccount(), () -> client.register(transport,
                            plan.msnAccount(), plan.msnPassword())),
                    new Step("approve the transport's subscription; it comes online", () -> transportOnline(client)),
                    new Step("roster: the MSN contacts arrive and are approved", () -> roster(client)),
                    new Step("presence: the echo contact is online", () -> echoOnline(client)),
                    new Step("chat with the echo contact", () -> chat(client)));
            for (Step s : steps) {
                if (!s.run()) {
                    out.println();
                    out.println("The tour FAILED at step " + step + " of " + steps.size() + ".");
                    return false;
                }
            }
            out.println();
            out.println("All " + steps.size() + " steps worked.");
            return true;
        } catch (Exception e) {
            out.println("The tour could not start its client: " + TourClient.describe(e));
            return false;
        }
    }

    private void discover(TourClient client) throws Exception {
        DiscoverInfo info = client.discover(transport);
        Optional<DiscoverInfo.Identity> gateway = info.getIdentities().stream()
                .filter(id -> id.getCategory().equals("gateway")).findFirst();
        TourClient.check(gateway.isPresent(), "the transport has no gateway identity");
        TourClient.check(info.containsFeature("jabber:iq:register"), "the transport offers no registration");
        detail("\"" + gateway.get().getName() + "\" (gateway/" + gateway.get().getType() + "), offers jabber:iq:register");
    }

    private void transportOnline(TourClient client) throws Exception {
        TourClient.check(client.await(Presence.class, p -> p.getType() == Presence.Type.subscribe
                && p.getFrom().equals(transport)).isPresent(), "the transport never asked to subscribe");
        TourClient.check(client.await(Presence.class, p -> p.getType() == Presence.Type.available
                && p.getFrom().asBareJid().equals(transport)).isPresent(), "the transport never came online");
    }

    private void roster(TourClient client) throws Exception {
        for (String handle : plan.contacts()) {
            Jid jid = contactJid(handle);
            Optional<RosterEntry> entry = client.awaitRosterEntry(jid.asBareJid(), TourClient::isApproved);
            TourClient.check(entry.isPresent(), handle + " (" + jid + ") is not in the roster with a name, subscribed both ways");
            nicks.put(handle, entry.get().getName());
            String groups = entry.get().getGroups().stream().map(RosterGroup::getName).sorted()
                    .reduce((a, b) -> a + ", " + b).map(g -> " in " + g).orElse("");
            detail(nicks.get(handle) + " <" + jid + ">" + groups);
        }
    }

    private void echoOnline(TourClient client) throws Exception {
        Jid echo = contactJid(plan.echoContact());
        TourClient.check(client.await(Presence.class, p -> p.getType() == Presence.Type.available
                && p.getFrom().asBareJid().equals(echo)).isPresent(), "no available presence from " + echo);
        detail(name(plan.echoContact()) + " is available");
    }

    private void chat(TourClient client) throws Exception {
        Jid echo = contactJid(plan.echoContact());
        String me = plan.user() + "@" + plan.domain();
        client.sendChat(echo, plan.message());
        detail(me + " → " + name(plan.echoContact()) + ": " + plan.message());
        TourClient.check(client.await(Message.class, m -> m.getFrom() != null && m.getFrom().asBareJid().equals(echo)
                && TourClient.isComposing(m)).isPresent(), "the echo contact was never shown typing");
        detail(name(plan.echoContact()) + " is typing…");
        Optional<Message> answer = client.await(Message.class, m -> m.getFrom() != null
                && m.getFrom().asBareJid().equals(echo) && m.getBody() != null);
        TourClient.check(answer.isPresent(), "no answer from the echo contact");
        detail(name(plan.echoContact()) + " → " + me + ": " + answer.get().getBody());
        TourClient.check(answer.get().getBody().equals(plan.message()), "the answer is not the text that was sent");
    }

    private Jid contactJid(String handle) {
        return TourClient.jid(handle.replace('@', '%') + "@" + plan.transport());
    }

    private String name(String handle) {
        return nicks.getOrDefault(handle, handle);
    }

    private void detail(String line) {
        details.add(line);
    }

    /** A step's action. */
    private interface Action {
        void run() throws Exception;
    }

    private final class Step {
        private final String title;
        private final Action action;

        Step(String title, Action action) {
            this.title = title;
            this.action = action;
        }

        boolean run() {
            step++;
            details.clear();
            long start = System.nanoTime();
            String failure = null;
            try {
                action.run();
            } catch (StepFailed e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            } catch (Exception e) {
                failure = TourClient.describe(e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            out.printf("%2d. %s%n", step, title);
            for (String line : details) {
                out.println("      " + line);
            }
            out.println(failure == null ? "      ok (" + millis + " ms)" : "      FAILED: " + failure);
            out.flush();
            return failure == null;
        }
    }
}
