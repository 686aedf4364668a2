package dev.anyclaude.core.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The log file's timestamp, {@code 2026-12-04T01:57:03.123+01:00}: what logback's
 * {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}} writes, without a {@link DateTimeFormatter} run for every line. Date,
 * time and offset are formatted once per second and the milliseconds appended; logback's own date converter reuses a
 * result only within the same millisecond, and at one request line per call that formatting was a tenth of what the
 * line cost the proxy's IO thread (docs/benchmarks.md, eighth round). Thread-safe: the cached second is immutable.
 */
public final class IsoTimestampConverter extends ClassicConverter {
    /** The conversion word in a pattern: {@code %isoTime}. */
    public static final String WORD = "isoTime";

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");

    private final ZoneId zone;
    private volatile Second cached = new Second(Long.MIN_VALUE, "", "");

    /** One second's formatted date and time, and the zone's offset in it. */
    private record Second(long epochSecond, String dateTime, String offset) {
    }

    /** In the JVM's default time zone, as logback's date converter. */
    public IsoTimestampConverter() {
        this(ZoneId.systemDefault());
    }

    IsoTimestampConverter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String convert(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(29);
        appendTo(out, event.getTimeStamp());
        return out.toString();
    }

    void appendTo(StringBuilder out, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second second = cached;
        if (second.epochSecond() != epochSecond) {
            ZonedDateTime time = Instant.ofEpochSecond(epochSecond).atZone(zone);
            second = new Second(epochSecond, SECOND.format(time), OFFSET.format(time));
            cached = second;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        out.append(second.dateTime()).append('.');
        if (millis < 100) {
            out.append('0');
        }
        if (millis < 10) {
            out.append('0');
        }
        out.append(millis).append(second.offset());
    }
}
