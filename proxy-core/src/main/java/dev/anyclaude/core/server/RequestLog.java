package dev.anyclaude.core.server;

import java.util.Locale;
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
        String tokens = usage == null ? "-" : orDash(usage.inputTokens()) + "/" + orDash(usage.outputTokens())
                + (usage.cacheReadInputTokens() == null ? "" : " cached=" + usage.cacheReadInputTokens());
        LOG.info(String.format(Locale.ROOT, "%s %s backend=%s model=%s status=%d tokens=%s ttfb=%.1fms total=%.1fms "
                        + "cache=%s", id, path, backend.isEmpty() ? "-" : backend, model.isEmpty() ? "-" : model, status, tokens,
                firstByteNanos == 0 ? -1.0 : (firstByteNanos - startNanos) / 1e6, (endNanos - startNanos) / 1e6,
                cache == null ? "-" : cache));
    }
}
