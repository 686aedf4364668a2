package dev.anyclaude.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link IsoTimestampConverter} against the formatter logback's {@code %d{...SSSXXX}} runs, instant by instant. */
class IsoTimestampConverterTest {
    private static final String PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    @Test
    void writesWhatTheFormatterWritesAcrossZonesOffsetChangesAndMilliseconds() {
        for (String zoneName : new String[] {"UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "Australia/Lord_Howe"}) {
            ZoneId zone = ZoneId.of(zoneName);
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(PATTERN).withZone(zone);
            IsoTimestampConverter converter = new IsoTimestampConverter(zone);
            Random random = new Random(zoneName.hashCode());
            // Around the 2026 summer-time changes, every 250 ms for an hour, then random instants 1970 to 2100.
            for (Instant change : new Instant[] {Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-10-25T00:30:00Z"),
                Instant.parse("2026-04-04T15:00:00Z"), Instant.parse("2026-11-01T04:00:00Z")}) {
                for (long millis = change.toEpochMilli(); millis < change.toEpochMilli() + 3_600_000; millis += 250) {
                    assertSame(converter, formatter, millis);
                }
            }
            for (int i = 0; i < 20_000; i++) {
                long millis = (long) (random.nextDouble() * 4_102_444_800_000L);
                assertSame(converter, formatter, millis);
                assertSame(converter, formatter, millis + random.nextInt(3)); // the same second, cached
            }
            for (long millis : new long[] {0, 1, 9, 10, 99, 100, 999, 1000, -1, -999, -1000, -1001}) {
                assertSame(converter, formatter, millis);
            }
        }
    }

    private static void assertSame(IsoTimestampConverter converter, DateTimeFormatter formatter, long millis) {
        StringBuilder line = new StringBuilder();
        converter.appendTo(line, millis);
        assertThat(line.toString()).as("%d ms", millis).isEqualTo(formatter.format(Instant.ofEpochMilli(millis)));
    }
}
