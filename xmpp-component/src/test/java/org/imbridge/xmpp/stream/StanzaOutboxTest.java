package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.future.DefaultWriteFuture;
import org.junit.jupiter.api.Test;

class StanzaOutboxTest {

    private final List<String> writes = new ArrayList<>();
    private final List<DefaultWriteFuture> futures = new ArrayList<>();
    private int completed;
    private final StanzaOutbox outbox = new StanzaOutbox(xml -> {
        writes.add(xml);
        DefaultWriteFuture f = new DefaultWriteFuture(null);
        futures.add(f);
        return f;
    }, n -> completed += n);

    @Test
    void writesAtOnceWhenIdleAndCoalescesWhatComesWhileAWriteIsOnItsWay() {
        outbox.send("<a/>");
        outbox.send("<b/>");
        outbox.send("<c/>");
        assertThat(writes).containsExactly("<a/>");

        futures.get(0).setWritten();
        assertThat(writes).containsExactly("<a/>", "<b/><c/>");
        assertThat(completed).isEqualTo(1);

        futures.get(1).setWritten();
        assertThat(completed).isEqualTo(3);
        outbox.send("<d/>");
        assertThat(writes).containsExactly("<a/>", "<b/><c/>", "<d/>");
    }

    @Test
    void aFailedWriteStillCountsItsStanzasAndTheNextOnesGoOut() {
        outbox.send("<a/>");
        outbox.send("<b/>");
        futures.get(0).setException(new IllegalStateException("closed"));
        assertThat(completed).isEqualTo(1);
        assertThat(writes).containsExactly("<a/>", "<b/>");
        futures.get(1).setException(new IllegalStateException("closed"));
        assertThat(completed).isEqualTo(2);
    }
}
