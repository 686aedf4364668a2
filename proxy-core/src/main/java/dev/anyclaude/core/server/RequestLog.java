package dev.anyclaude.core.server;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request in {@code ~/.anyclaude/logs/anyclaude.log} (logger {@code anyclaude.requests}): id, route,
 * model, status, time to first byte, total time. No header, key or body ever goes here.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("anyclaude.requests");

    void log(String id, String path, String backend, String model, int status, long startNanos, long firstByteNanos,
             long endNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(String.format(Locale.ROOT, "%s %s backend=%s model=%s status=%d ttfb=%.1fms total=%.1fms", id, path,
                backend.isEmpty() ? "-" : backend, model.isEmpty() ? "-" : model, status,
                firstByteNanos == 0 ? -1.0 : (firstByteNanos - startNanos) / 1e6, (endNanos - startNanos) / 1e6));
    }
}
