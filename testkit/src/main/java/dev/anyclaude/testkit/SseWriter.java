package dev.anyclaude.testkit;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import org.xnio.IoUtils;

/**
 * Streams an {@link SseResponse}: headers first, then each frame written and flushed on its own, waiting on the
 * frame's gate before it. Runs on the given executor (the mock's stream threads), never on an IO thread.
 */
final class SseWriter {

    private static final System.Logger LOG = System.getLogger(SseWriter.class.getName());

    private SseWriter() {
    }

    /** Sets status and headers, then hands the exchange to {@code executor} for the blocking writes. */
    static void start(HttpServerExchange exchange, SseResponse response, Executor executor) {
        exchange.setStatusCode(response.status());
        HeaderMap out = exchange.getResponseHeaders();
        for (HeaderFields.Field field : response.headers().fields()) {
            out.add(HttpString.tryFromString(field.name()), field.value());
        }
        exchange.startBlocking();
        exchange.dispatch(executor, () -> stream(exchange, response));
    }

    private static void stream(HttpServerExchange exchange, SseResponse response) {
        try {
            OutputStream out = exchange.getOutputStream();
            out.flush(); // commit the status line and headers before any frame, as the real API does
            for (int i = 0; i < response.frameCount(); i++) {
                response.awaitGate(i);
                out.write(response.frameBytes(i));
                out.flush();
            }
            response.awaitGate(response.frameCount());
            response.markFinished(null);
            if (response.disconnectsAtEnd()) {
                IoUtils.safeClose(exchange.getConnection()); // no terminating chunk: the body is cut short
            } else {
                out.close();
                exchange.endExchange();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "SSE client went away mid-stream; dropping its connection", e);
            response.markFinished(e);
            IoUtils.safeClose(exchange.getConnection());
        } catch (InterruptedException e) {
            // Only MockServer.close() interrupts stream threads: drop the connection and let the thread end.
            response.markFinished(e);
            IoUtils.safeClose(exchange.getConnection());
            Thread.currentThread().interrupt();
        }
    }
}
