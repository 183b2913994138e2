package org.imbridge.app.launcher;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

import org.imbridge.app.launcher.logging.RepeatedLogFilter;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;

/**
 * Programmatic logging set-ups the launcher needs beyond {@code logback.xml}: the demo writes its
 * logs to a file so that the terminal shows only what the demo says; the configured level, file and
 * limit on repeated lines.
 */
public final class LogSetup {

    /** The logback context property that holds this instance's name ({@link #instance(String)}). */
    public static final String INSTANCE_PROPERTY = "imbridge.instance";

    /**
     * The layout of every log line: the instance's name once {@link #instance(String)} set it (left out
     * before, e.g. by the commands that run no transport), and the user's JID (MDC key {@code user})
     * when the line is about one.
     */
    public static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level%replace( %property{" + INSTANCE_PROPERTY
            + "}){'^ (null)?$', ''} [%thread] %logger{30}%replace( [%X{user}]){' \\[\\]', ''} - %msg%n";

    private LogSetup() {
    }

    /**
     * Names this instance in every log line from now on ({@code instance.name}), so that the logs of
     * several instances can be told apart once collected in one place (README, "Running several
     * instances").
     */
    public static void instance(String name) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(INSTANCE_PROPERTY, name);
        }
    }

    /** Sends every log line at INFO and above to {@code file} (replaced), and none to the console. */
    public static void toFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another slf4j binding: leave it as configured
        }
        context.reset();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(fileAppender(context, "file", file, false));
        context.getLogger("org.apache.mina").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        // the demo's own Jabber clients (Smack) complain about connections they closed themselves
        context.getLogger("org.jivesoftware").setLevel(Level.ERROR);
        install(context, new RepeatedLogFilter(), RepeatedLogFilter.DEFAULT_REPEATS_PER_MINUTE); // reset removed it
        routeJavaUtilLogging();
    }

    /**
     * Of the log lines with the same logger, level and pattern, only the first {@code repeats} of a
     * minute are written (console and file alike), then one line with the count of the rest (config
     * {@code logging.repeats-per-minute}; 0 writes every line). The shipped {@code logback.xml}
     * installs the filter; a logback configuration of the admin's own
     * ({@code -Dlogback.configurationFile}) is left as it is, with or without it.
     */
    public static void repeatsPerMinute(int repeats) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            installed(context).ifPresent(filter -> filter.setRepeatsPerMinute(repeats));
        }
    }

    /**
     * As {@link #repeatsPerMinute(int)}, with a new filter on {@code clock} in place of the one
     * installed: for tests, which end a minute by moving their clock.
     *
     * @return the filter, to {@link RepeatedLogFilter#flush() flush}; empty with another slf4j binding
     */
    public static Optional<RepeatedLogFilter> repeatsPerMinute(int repeats, InstantSource clock) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        synchronized (LogSetup.class) {
            installed(context).ifPresent(old -> {
                context.getTurboFilterList().remove(old);
                old.stop();
            });
            return Optional.of(install(context, new RepeatedLogFilter(clock), repeats));
        }
    }

    /** Logs the counts of repeated lines not logged yet (their minute is not over): before exiting. */
    public static void flushRepeatCounts() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            installed(context).ifPresent(RepeatedLogFilter::flushAll);
        }
    }

    private static Optional<RepeatedLogFilter> installed(LoggerContext context) {
        return context.getTurboFilterList().stream().filter(RepeatedLogFilter.class::isInstance)
                .map(RepeatedLogFilter.class::cast).findFirst();
    }

    private static RepeatedLogFilter install(LoggerContext context, RepeatedLogFilter filter, int repeats) {
        filter.setContext(context);
        filter.setRepeatsPerMinute(repeats);
        filter.start();
        context.addTurboFilter(filter);
        return filter;
    }

    /** Smack logs through java.util.logging: send that to the same place. */
    public static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /**
     * Adds {@code file} (appended to) as a second destination of every log line (config
     * {@code logging.file}), rolled over at {@code maxFileSize} and at midnight into
     * {@code file.yyyy-MM-dd.N.gz}; rolled files go after {@code maxDays} days, or sooner while they
     * take more than {@code totalSizeCap} together.
     */
    public static void alsoToFile(Path file, String maxFileSize, int maxDays, String totalSizeCap) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("config-file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        policy.setMaxFileSize(FileSize.valueOf(maxFileSize));
        policy.setMaxHistory(maxDays);
        policy.setTotalSizeCap(FileSize.valueOf(totalSizeCap));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(context));
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, String name, Path file,
                                                            boolean append) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(file.toString());
        appender.setAppend(append);
        appender.setEncoder(encoder(context));
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    /** Only warnings and errors from here on: for commands whose output is the answer ({@code imbridge users}). */
    public static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            context.getLogger("org.imbridge").setLevel(Level.WARN);
        }
    }

    /** Sets the level of the {@code org.imbridge} loggers (reload of {@code logging.level}). */
    public static void level(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("org.imbridge").setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
