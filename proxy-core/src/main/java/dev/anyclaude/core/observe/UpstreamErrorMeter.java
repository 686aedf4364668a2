package dev.anyclaude.core.observe;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.Metrics;
import dev.anyclaude.api.Reply;
import java.util.function.Function;

/**
 * Counts the answers that failed upstream, per attempt (a fallback that saves the request still counts the first
 * failure): {@code anyclaude.upstream.errors} with tags {@code backend} and {@code status}. An upstream error is an
 * error status relayed from the backend, or a failure the backend reports as 429 or 5xx (unreachable, timed
 * out, overloaded). Requests the proxy itself rejects (400s before the backend) are not upstream errors.
 */
public final class UpstreamErrorMeter {
    private final Metrics metrics;

    public UpstreamErrorMeter(Metrics metrics) {
        this.metrics = metrics;
    }

    /** {@code answer}, counting its upstream errors. */
    public <C extends Call> Function<C, Reply> around(Function<C, Reply> answer) {
        return call -> {
            Reply reply;
            try {
                reply = answer.apply(call);
            } catch (AnthropicException e) {
                if (e.status() == 429 || e.status() >= 500) {
                    count(call, e.status());
                }
                throw e;
            }
            if (reply instanceof Reply.Raw raw && raw.status() >= 400) {
                count(call, raw.status());
            }
            return reply;
        };
    }

    private void count(Call call, int status) {
        count(call.backend(), status);
    }

    /** Counts one upstream error of this backend with this status. */
    public void count(String backend, int status) {
        metrics.counter("anyclaude.upstream.errors", "backend", backend, "status", Integer.toString(status)).increment();
    }
}
