package org.imbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.imbridge.bench.driver.BenchNames;
import org.imbridge.bench.driver.Stanzas;
import org.imbridge.msnserver.account.AccountSpec;

/** The bench's MSN accounts, and the driver's wait for a condition. */
final class BenchAccounts {

    private BenchAccounts() {
    }

    /**
     * Accounts {@code u<i>@bench.msn}: contacts are the chat partner ({@code i ^ 1}) and neighbours at
     * even offsets, all mutual.
     */
    static List<AccountSpec> of(int n, int contactsEach, BenchNames names) {
        List<AccountSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Set<String> contacts = new LinkedHashSet<>();
            if ((i ^ 1) < n) {
                contacts.add(Stanzas.msnAccount(i ^ 1, names.msnDomain()));
            }
            // Both neighbours or neither, so that every contact is mutual.
            for (int m = 1; contacts.size() + 2 <= contactsEach && m <= n / 2; m++) {
                for (int j : new int[] {Math.floorMod(i + 2 * m, n), Math.floorMod(i - 2 * m, n)}) {
                    if (j != i) {
                        contacts.add(Stanzas.msnAccount(j, names.msnDomain()));
                    }
                }
            }
            specs.add(AccountSpec.of(Stanzas.msnAccount(i, names.msnDomain()), names.password(i), "User " + i)
                    .withContacts(contacts.toArray(String[]::new)));
        }
        return specs;
    }

    /** Checks {@code condition} every 5 ms until it holds (true) or {@code timeout} passes (false). */
    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
