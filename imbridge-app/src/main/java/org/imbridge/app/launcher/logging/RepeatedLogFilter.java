package org.imbridge.app.launcher.logging;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * One log line per condition, not one per event, under a flood: of the lines with the same logger,
 * level and message pattern (the format before its {@code {}} are filled in), the first
 * {@link #setRepeatsPerMinute repeatsPerMinute} of a minute are logged and the rest of that minute are
 * not; when the minute is over, one line at the same level says how many were left out:
 * {@code … and 4,213 more like this in the last 60 s: refused a <{}> id={} from {}: {}; {}}.
 *
 * <p>Logback's own {@code DuplicateMessageFilter} is not enough: it keys on the pattern alone (a
 * warning and an error, or two classes, with the same words suppress each other), drops repeats for as
 * long as the pattern stays in its cache (a condition that comes back an hour later stays silent), and
 * never says how many it dropped, so the admin cannot tell a blip from a siege.
 *
 * <p>ERROR lines are limited too: a flood of errors (the store down, every stanza failing) fills the
 * disk and buries the first line just like a flood of warnings, and the first lines (with their stack
 * traces) and the summary at ERROR with its exact count still say everything the repeats would.
 *
 * <p>A timer ends the minutes ({@link #flush()} every second on the logging context's scheduler), so a
 * count is logged even when the flood stops. At most {@link #MAX_CONDITIONS} conditions are tracked;
 * the least recently seen one gives way early (with its summary) when another needs room.
 */
public final class RepeatedLogFilter extends TurboFilter {

    /** How many lines per condition per minute when the configuration says nothing. */
    public static final int DEFAULT_REPEATS_PER_MINUTE = 5;
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final int MAX_CONDITIONS = 1_000;
    private static final long FLUSH_PERIOD_MILLIS = 1_000;
    private static final String FQCN = RepeatedLogFilter.class.getName();

    private final InstantSource clock;
    private final Map<Condition, Window> windows = new LinkedHashMap<>(64, 0.75f, true);
    private volatile int repeatsPerMinute = DEFAULT_REPEATS_PER_MINUTE;
    private ScheduledFuture<?> flusher;

    /** With the system clock; how logback's configurator makes it. */
    public RepeatedLogFilter() {
        this(InstantSource.system());
    }

    /** @param clock the time that decides when a minute is over */
    public RepeatedLogFilter(InstantSource clock) {
        this.clock = clock;
        setName("repeated-log-filter");
    }

    /** @param repeats lines per condition per minute that are logged; 0 logs every line */
    public void setRepeatsPerMinute(int repeats) {
        if (repeats < 0) {
            throw new IllegalArgumentException("repeats per minute must not be negative: " + repeats);
        }
        this.repeatsPerMinute = repeats;
    }

    public int getRepeatsPerMinute() {
        return repeatsPerMinute;
    }

    @Override
    public void start() {
        if (getContext() != null) {
            flusher = getContext().getScheduledExecutorService().scheduleAtFixedRate(this::flushQuietly,
                    FLUSH_PERIOD_MILLIS, FLUSH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            getContext().addScheduledFuture(flusher);
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (flusher != null) {
            flusher.cancel(false);
        }
        flushAll();
    }

    /**
     * Logs the count of every condition that has one, whether its minute is over or not: before the
     * process exits (logback's own stop detaches the appenders before it stops this filter).
     */
    public void flushAll() {
        List<Summary> due = new ArrayList<>();
        synchronized (this) {
            for (Window window : windows.values()) {
                window.summary(clock.millis()).ifPresent(due::add);
            }
            windows.clear();
        }
        due.forEach(Summary::log);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        int repeats = repeatsPerMinute;
        // format is null for isDebugEnabled() and the like; a disabled level is no line at all
        if (!isStarted() || repeats == 0 || format == null || logger == null
                || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        List<Summary> due = new ArrayList<>(1);
        boolean log;
        synchronized (this) {
            long now = clock.millis();
            Condition condition = new Condition(logger.getName(), level, format);
            Window window = windows.get(condition);
            if (window != null && window.isOver(now)) {
                windows.remove(condition);
                window.summary(now).ifPresent(due::add);
                window = null;
            }
            if (window == null) {
                window = new Window(condition, logger, now);
                windows.put(condition, window);
                evictBeyondLimit(now, due);
            }
            log = window.admit(repeats);
        }
        due.forEach(Summary::log); // outside the lock: appenders take their own
        return log ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /** Ends every minute that is over, logging the count of those that left lines out. */
    public void flush() {
        List<Summary> due = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
                Window window = it.next();
                if (window.isOver(now)) {
                    it.remove();
                    window.summary(now).ifPresent(due::add);
                }
            }
        }
        due.forEach(Summary::log);
    }

    /** How many conditions are tracked now. */
    synchronized int conditions() {
        return windows.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            addError("could not log the count of repeated lines", e); // to logback's status, never a loop
        }
    }

    private void evictBeyondLimit(long now, List<Summary> due) {
        Iterator<Window> leastRecent = windows.values().iterator();
        while (windows.size() > MAX_CONDITIONS) {
            leastRecent.next().summary(now).ifPresent(due::add);
            leastRecent.remove();
        }
    }

    private record Condition(String logger, Level level, String format) {
    }

    /** One condition's current minute. */
    private static final class Window {
        final Condition condition;
        final Logger logger;
        final long start;
        int logged;
        long suppressed;

        Window(Condition condition, Logger logger, long start) {
            this.condition = condition;
            this.logger = logger;
            this.start = start;
        }

        boolean isOver(long now) {
            return now - start >= WINDOW.toMillis();
        }

        /** @return whether this line is logged (the rest of the minute's are counted instead) */
        boolean admit(int repeats) {
            if (logged < repeats) {
                logged++;
                return true;
            }
            suppressed++;
            return false;
        }

        Optional<Summary> summary(long now) {
            if (suppressed == 0) {
                return Optional.empty();
            }
            long span = Math.min(now - start, WINDOW.toMillis());
            long seconds = Math.max(1, (span + 999) / 1000);
            return Optional.of(new Summary(logger, condition.level(), String.format(Locale.ROOT,
                    "… and %,d more like this in the last %d s: %s", suppressed, seconds, condition.format())));
        }
    }

    /** The line that tells how many were left out: straight to the appenders, past every turbo filter. */
    private record Summary(Logger logger, Level level, String message) {
        void log() {
            LoggingEvent event = new LoggingEvent(FQCN, logger, level, message, null, null);
            event.setMDCPropertyMap(Map.of()); // about many events, not the user of the thread that ends it
            logger.callAppenders(event);
        }
    }
}
