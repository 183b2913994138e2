package org.imbridge.bench.jmh.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imbridge.bench.driver.Stanzas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MessagePathTest {

    @Test
    @Timeout(60)
    void eachDirectionWritesTheMessageOnTheOtherConnection() throws Exception {
        try (MessagePath path = MessagePath.open(100)) {
            String body = body(path.inboundStanza());

            path.xmppToMsn();
            String msg = path.lastMsnWrite();
            assertTrue(msg.matches("(?s)MSG \\d+ A \\d+\r\n.*"), msg);
            assertTrue(msg.endsWith(body), msg);

            path.msnToXmpp();
            String stanza = path.lastXmppWrite();
            assertTrue(stanza.startsWith("<message"), stanza);
            assertEquals(MessagePath.contactJid(), Stanzas.attribute(stanza, "from"), stanza);
            assertEquals(MessagePath.userJid(), bare(Stanzas.attribute(stanza, "to")), stanza);
            assertTrue(stanza.contains("<body>" + body + "</body>"), stanza);

            // the same again: nothing left over from the first round
            path.xmppToMsn();
            path.msnToXmpp();
            assertTrue(path.lastMsnWrite().endsWith(body), path.lastMsnWrite());
            assertTrue(path.lastXmppWrite().contains("<body>" + body + "</body>"), path.lastXmppWrite());
        }
    }

    private static String body(String stanza) {
        int start = stanza.indexOf("<body>") + "<body>".length();
        return stanza.substring(start, stanza.indexOf("</body>"));
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
