package org.imbridge.msnserver.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.time.Clock;
import java.util.List;

import org.apache.mina.core.RuntimeIoException;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteToClosedSessionException;
import org.imbridge.msn.protocol.MsnpCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Clients going away (resets, broken pipes, however MINA wraps them) are DEBUG; real errors stay ERROR. */
class MsnpServerHandlerLoggingTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(MsnpServerHandler.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level level;
    private final MsnpServerHandler<Connection> handler = new MsnpServerHandler<>(Connection.class,
            new ServerContext(new Object(), Clock.systemUTC())) {
        @Override
        protected Connection open(IoSession session) {
            return null;
        }

        @Override
        protected void onCommand(Connection connection, MsnpCommand command) {
        }
    };

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    @Test
    void resetsAndBrokenPipesAreDebugButUnexpectedErrorsStayErrors() {
        for (Throwable gone : List.of(new IOException("Connection reset by peer"),
                new SocketException("Broken pipe"), new RuntimeIoException(new SocketException("Connection reset")),
                new WriteToClosedSessionException(new org.apache.mina.core.write.DefaultWriteRequest("x")))) {
            handler.exceptionCaught(new DummySession(), gone);
        }
        handler.exceptionCaught(new DummySession(), new IllegalStateException("a bug of ours"));

        assertThat(appender.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.DEBUG, Level.DEBUG, Level.DEBUG, Level.DEBUG, Level.ERROR);
    }
}
