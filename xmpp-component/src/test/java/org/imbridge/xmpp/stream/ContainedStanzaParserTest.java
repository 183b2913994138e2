package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;

class ContainedStanzaParserTest {

    private final ContainedStanzaParser smack = new ContainedStanzaParser(StanzaCodec::parse);

    @Test
    void aStackOverflowInTheParserBecomesABadRequestForThatStanza() {
        ContainedStanzaParser overflowing = new ContainedStanzaParser(xml -> {
            throw new StackOverflowError();
        });

        assertThat(overflowing.parse("<message xmlns='jabber:client'/>"))
                .isEqualTo(new ContainedStanzaParser.Failed(StanzaError.Condition.bad_request, "StackOverflowError"));
    }

    @Test
    void anyRuntimeExceptionBecomesABadRequestWithAShortReason() {
        ContainedStanzaParser failing = new ContainedStanzaParser(xml -> {
            throw new IllegalStateException("line one " + "q".repeat(500) + "\nline two");
        });

        assertThat(failing.parse("<iq xmlns='jabber:client'/>")).asInstanceOf(type(ContainedStanzaParser.Failed.class))
                .satisfies(failed -> {
                    assertThat(failed.condition()).isEqualTo(StanzaError.Condition.bad_request);
                    assertThat(failed.reason()).startsWith("IllegalStateException: line one").doesNotContain("line two")
                            .hasSizeLessThan(200);
                });
    }

    @Test
    void aResourceOf2000CharactersIsJidMalformed() {
        String xml = "<message xmlns='jabber:client' from='alice@localhost/pc' to='bob@msn.localhost/" + "r".repeat(2000)
                + "' id='m1'><body>hi</body></message>";

        assertThat(smack.parse(xml)).asInstanceOf(type(ContainedStanzaParser.Failed.class))
                .extracting(ContainedStanzaParser.Failed::condition).isEqualTo(StanzaError.Condition.jid_malformed);
    }

    @Test
    void aLocalpartOf3000CharactersIsJidMalformed() {
        String xml = "<presence xmlns='jabber:client' from='alice@localhost/pc' to='" + "l".repeat(3000)
                + "@msn.localhost'/>";

        assertThat(smack.parse(xml)).asInstanceOf(type(ContainedStanzaParser.Failed.class))
                .extracting(ContainedStanzaParser.Failed::condition).isEqualTo(StanzaError.Condition.jid_malformed);
    }

    @Test
    void aWellFormedStanzaIsParsed() {
        assertThat(smack.parse("<message xmlns='jabber:client' from='alice@localhost/pc' id='ok'><body>hi</body></message>"))
                .asInstanceOf(type(ContainedStanzaParser.Parsed.class))
                .satisfies(parsed -> assertThat(parsed.stanza().getStanzaId()).isEqualTo("ok"));
    }
}
