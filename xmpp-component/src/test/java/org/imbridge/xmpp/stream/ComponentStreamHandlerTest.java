package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mina.core.session.DummySession;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class ComponentStreamHandlerTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger connectionLogger = (Logger) LoggerFactory.getLogger(ComponentConnection.class);
    private ComponentConnection connection;

    @BeforeEach
    void captureLog() {
        log.start();
        connectionLogger.addAppender(log);
        connection = ComponentConnection.builder(ComponentConfig.builder("msn.localhost", "s3cret")
                .host("127.0.0.1").port(9).build()).build();
    }

    @AfterEach
    void release() {
        connectionLogger.detachAppender(log);
        connection.close();
    }

    @Test
    void aWrappedDecoderFailureClosesTheSessionWithoutLoggingTheInput() {
        ProtocolDecoderException wrapped = new ProtocolDecoderException(new IllegalStateException("boom"));
        wrapped.setHexdump("3C 62 6F 64 79 3E 73 65 63 72 65 74");
        DummySession session = new DummySession();

        new ComponentStreamHandler(connection).exceptionCaught(session, wrapped);

        assertThat(session.isClosing()).isTrue();
        assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains("3C 62")
                || (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null
                        && e.getThrowableProxy().getMessage().contains("3C 62")));
    }
}
