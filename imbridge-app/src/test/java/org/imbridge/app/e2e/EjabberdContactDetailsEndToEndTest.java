package org.imbridge.app.e2e;

import org.junit.jupiter.api.BeforeAll;

/** {@link ContactDetailsEndToEndTest} on ejabberd, which grants the transport no roster privilege. */
class EjabberdContactDetailsEndToEndTest extends ContactDetailsEndToEndTest {

    @BeforeAll
    static void start() throws Exception {
        bridge = startOn(ServerKind.EJABBERD);
    }
}
