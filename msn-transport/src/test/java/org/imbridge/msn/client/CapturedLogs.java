package org.imbridge.msn.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Records the log lines of some loggers at DEBUG with the MDC each was written with (read on the
 * writing thread, as the line is appended), instead of printing them; {@link #close} puts the
 * loggers back as they were.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One line: the logger, the thread that wrote it, the text and the MDC at that moment. */
    record Line(String logger, String thread, String message, Map<String, String> mdc) {
        String user() {
            return mdc.get("user");
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers;
    private final List<Level> levels;
    private final List<Boolean> additive;

    private CapturedLogs(List<String> names) {
        loggers = names.stream().map(n -> (Logger) LoggerFactory.getLogger(n)).toList();
        levels = loggers.stream().map(Logger::getLevel).toList();
        additive = loggers.stream().map(Logger::isAdditive).toList();
    }

    static CapturedLogs of(String... loggerNames) {
        CapturedLogs logs = new CapturedLogs(List.of(loggerNames));
        logs.setContext(logs.loggers.get(0).getLoggerContext());
        logs.start();
        for (Logger l : logs.loggers) {
            l.addAppender(logs);
            l.setLevel(Level.DEBUG);
            l.setAdditive(false);
        }
        return logs;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new Line(event.getLoggerName(), event.getThreadName(), event.getFormattedMessage(),
                Map.copyOf(event.getMDCPropertyMap())));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(this);
            loggers.get(i).setLevel(levels.get(i));
            loggers.get(i).setAdditive(additive.get(i));
        }
        stop();
    }
}
