package org.imbridge.app.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.imbridge.ejabberd.PrivateEjabberd;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;

/**
 * The XMPP servers the end-to-end tests run the product on: Prosody, which grants the transport
 * XEP-0356 roster privileges, and ejabberd, which grants none (contacts come as subscription requests).
 */
enum ServerKind {
    PROSODY,
    EJABBERD;

    /** Starts the product on this server; on ejabberd, skips the test where no private ejabberd can run. */
    BridgeHarness start(List<AccountSpec> accounts, List<String> allow) throws Exception {
        if (this == EJABBERD) {
            String reason = PrivateEjabberd.unavailableReason();
            assumeTrue(reason == null, () -> "no private ejabberd here: " + reason);
            return new BridgeHarness(PrivateEjabberd.builder(), accounts, allow);
        }
        return new BridgeHarness(PrivateProsody.builder(), accounts, allow);
    }
}
