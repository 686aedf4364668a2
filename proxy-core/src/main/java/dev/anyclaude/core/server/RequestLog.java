package dev.anyclaude.core.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request in {@code ~/.anyclaude/logs/anyclaude.log} (logger {@code anyclaude.requests}): id, route,
 * model, status, tokens in/out (from the answer's events, or read from a relayed answer as it passes), time
 * to first byte, total time, cache outcome (the {@code x-anyclaude-cache} response header a cache middleware set:
 * hit, miss, bypass; "-" without one). No header, key or body
 * ever goes here.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("anyclaude.requests");
    private static final Logger BODIES = LoggerFactory.getLogger("anyclaude.bodies");
    private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile(
            "(?i)(sk-[a-z0-9_-]{8,}|(bearer\\s+)[a-z0-9._~+/=-]{8,}|(\"(?:api_?key|x-api-key|authorization|token)\"\\s*:\\s*\")[^\"]+)");

    private static String orDash(Integer value) {
        return value == null ? "-" : value.toString();
    }

    /** Logs a request body when body logging is on ({@code --debug}), with anything that looks like a key masked. */
    void body(String id, byte[] body) {
        if (BODIES.isDebugEnabled()) {
            BODIES.debug("{} request body: {}", id, redact(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    static String redact(String text) {
        java.util.regex.Matcher matcher = SECRET.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String prefix = matcher.group(2) != null ? matcher.group(2) : matcher.group(3) != null ? matcher.group(3) : "";
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(prefix + "[redacted]"));
        }
        return matcher.appendTail(out).toString();
    }

    void log(String id, String path, String backend, String model, int status, dev.anyclaude.api.model.Usage usage,
             long startNanos, long firstByteNanos, long endNanos, String cache) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        // Built by hand, not with String.format: this runs on the IO thread for every call, where the formatter
        // cost about 2 µs (docs/benchmarks.md, seventh round).
        StringBuilder line = new StringBuilder(160).append(id).append(' ').append(path)
                .append(" backend=").append(backend.isEmpty() ? "-" : backend)
                .append(" model=").append(model.isEmpty() ? "-" : model)
                .append(" status=").append(status).append(" tokens=");
        if (usage == null) {
            line.append('-');
        } else {
            line.append(orDash(usage.inputTokens())).append('/').append(orDash(usage.outputTokens()));
            if (usage.cacheReadInputTokens() != null) {
                line.append(" cached=").append(usage.cacheReadInputTokens());
            }
        }
        line.append(" ttfb=");
        appendMillis(line, firstByteNanos == 0 ? -1 : firstByteNanos - startNanos);
        line.append("ms total=");
        appendMillis(line, endNanos - startNanos);
        LOG.info(line.append("ms cache=").append(cache == null ? "-" : cache).toString());
    }

    /** Milliseconds with one decimal, rounded half up ({@code %.1f}); -1 as "-1.0". */
    static void appendMillis(StringBuilder line, long nanos) {
        if (nanos < 0) {
            line.append("-1.0");
            return;
        }
        long tenths = (nanos + 50_000) / 100_000;
        line.append(tenths / 10).append('.').append(tenths % 10);
    }
}
