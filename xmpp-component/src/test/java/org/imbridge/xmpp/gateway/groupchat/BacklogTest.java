package org.imbridge.xmpp.gateway.groupchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.parts.Resourcepart;

class BacklogTest {

    @Test
    void keepsTheNewestAndCountsWhatWentAndStartsOverWhenDrained() {
        Backlog backlog = new Backlog(2);
        for (String text : new String[] {"one", "two", "three", "four"}) {
            backlog.add(new Backlog.Entry(Resourcepart.fromOrThrowUnchecked("Bob"), text, Instant.EPOCH));
        }

        assertThat(backlog.dropped()).isEqualTo(2);
        assertThat(backlog.drain()).extracting(Backlog.Entry::text).containsExactly("three", "four");
        assertThat(backlog.dropped()).isZero();
        assertThat(backlog.size()).isZero();
    }
}
