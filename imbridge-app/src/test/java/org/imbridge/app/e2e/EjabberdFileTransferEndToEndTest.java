package org.imbridge.app.e2e;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link FileTransferEndToEndTest} on ejabberd with mod_http_upload, whose access rule lets the
 * transport's JID upload.
 */
class EjabberdFileTransferEndToEndTest extends FileTransferEndToEndTest {

    @BeforeAll
    static void start() throws Exception {
        startOn(ServerKind.EJABBERD);
    }
}
