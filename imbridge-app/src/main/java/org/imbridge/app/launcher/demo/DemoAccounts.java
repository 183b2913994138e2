package org.imbridge.app.launcher.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.AccountsFile;
import org.imbridge.msnserver.account.ContactSpec;

/**
 * The demo's people: the MSN accounts (the example {@code config/msn-accounts.yaml}, built into the
 * jar), which of them the demo's Jabber users stand for, and the echo contact.
 */
final class DemoAccounts {

    /** The MSN account the demo's Jabber user (and the tour) registers. */
    static final String USER_ACCOUNT = "alice@hotmail.com";
    /** The MSN account left for a person to register by hand from a second Jabber account. */
    static final String SPARE_ACCOUNT = "bob@hotmail.com";
    /** The contact that answers. */
    static final String ECHO = "echo@hotmail.com";

    private final List<AccountSpec> accounts;

    private DemoAccounts(List<AccountSpec> accounts) {
        this.accounts = accounts;
    }

    static DemoAccounts load() {
        try (InputStream in = DemoAccounts.class.getResourceAsStream("msn-accounts.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the demo's msn-accounts.yaml is not in the jar; rebuild with mvn package");
            }
            return new DemoAccounts(AccountsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<AccountSpec> all() {
        return accounts;
    }

    AccountSpec get(String email) {
        return accounts.stream().filter(a -> a.email().equals(email)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo accounts have no " + email));
    }

    List<String> contactsOf(String email) {
        return get(email).contacts().stream().map(ContactSpec::email).toList();
    }
}
