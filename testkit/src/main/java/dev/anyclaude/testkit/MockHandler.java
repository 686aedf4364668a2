package dev.anyclaude.testkit;

import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.xnio.IoUtils;

/**
 * The server's only handler: reads the whole body without blocking, records the request, then answers with the
 * next scripted {@link MockResponse}. Fixed answers are sent from the IO thread; SSE goes to {@code streams}.
 * Errors it makes up itself (nothing scripted, body too large, a failing dispatcher) take the dialect's shape.
 */
final class MockHandler implements HttpHandler {

    /** Larger than the API's 32 MB limit, so a test can send what the real API would refuse. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(MockHandler.class.getName());

    private final ResponseScript script;
    private final RequestJournal journal;
    private final Executor streams;
    private final OpenConnections connections;
    private final MockDialect dialect;

    MockHandler(ResponseScript script, RequestJournal journal, Executor streams, OpenConnections connections,
            MockDialect dialect) {
        this.script = script;
        this.journal = journal;
        this.streams = streams;
        this.connections = connections;
        this.dialect = dialect;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        connections.track(exchange.getConnection());
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize(MAX_BODY_BYTES);
        // In pieces, each copied whole: Undertow's receiveFullBytes copies a byte at a time into a locked stream,
        // about a millisecond for a Claude Code turn's 50 KB, which the benchmark's direct round trip then carried.
        receiver.receivePartialBytes(new Body(exchange), this::receiveFailed);
    }

    /** The body as its pieces arrive; answered once the last has. */
    private final class Body implements Receiver.PartialBytesCallback {
        private byte[] bytes;
        private int size;
        private boolean tooLarge;

        Body(HttpServerExchange exchange) {
            long announced = exchange.getRequestContentLength();
            bytes = new byte[(int) Math.min(Math.max(announced, 0), MAX_BODY_BYTES)];
        }

        @Override
        public void handle(HttpServerExchange exchange, byte[] piece, boolean last) {
            if (tooLarge) {
                return;
            }
            if (piece.length > MAX_BODY_BYTES - size) {
                tooLarge = true; // a body without a length that outgrew the limit
                exchange.getRequestReceiver().pause();
                receiveFailed(exchange, new Receiver.RequestToLargeException());
                return;
            }
            if (piece.length > bytes.length - size) {
                int doubled = (int) Math.min(Math.max(bytes.length * 2L, 1024), MAX_BODY_BYTES);
                bytes = java.util.Arrays.copyOf(bytes, Math.max(size + piece.length, doubled));
            }
            System.arraycopy(piece, 0, bytes, size, piece.length);
            size += piece.length;
            if (last) {
                answer(exchange, size == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, size));
            }
        }
    }

    private void answer(HttpServerExchange exchange, byte[] body) {
        Supplier<RecordedRequest> request;
        if (journal.recording()) {
            RecordedRequest recorded = record(exchange, body);
            journal.add(recorded);
            request = () -> recorded;
        } else {
            journal.countOnly();
            request = () -> record(exchange, body);
        }
        MockResponse response = next(exchange, request).orElseGet(() -> notScripted(exchange));
        switch (response) {
            case FixedResponse fixed -> FixedWriter.write(exchange, fixed);
            case SseResponse sse -> SseWriter.start(exchange, sse, streams);
            case HangResponse hang -> HangWatcher.hold(exchange, hang);
        }
    }

    private Optional<MockResponse> next(HttpServerExchange exchange, Supplier<RecordedRequest> request) {
        try {
            return script.next(exchange.getRequestPath(), request);
        } catch (RuntimeException e) {
            // A test's dispatcher failed: answer 500 so the client (and the test) sees it instead of a hang.
            LOG.log(Level.WARNING, "dispatcher failed for " + exchange.getRequestPath() + "; answering 500", e);
            return Optional.of(dialect.error(500, "mock dispatcher failed: " + e));
        }
    }

    private void receiveFailed(HttpServerExchange exchange, IOException e) {
        if (e instanceof Receiver.RequestToLargeException) {
            FixedWriter.write(exchange, dialect.error(413, "Request exceeds the maximum allowed number of bytes."));
            return;
        }
        LOG.log(Level.DEBUG, "client failed while sending its request body; closing the connection", e);
        IoUtils.safeClose(exchange.getConnection());
    }

    private static RecordedRequest record(HttpServerExchange exchange, byte[] body) {
        List<HeaderFields.Field> fields = new ArrayList<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString();
            for (String value : values) {
                fields.add(new HeaderFields.Field(name, value));
            }
        }
        return new RecordedRequest(exchange.getRequestMethod().toString(), exchange.getRequestPath(),
                exchange.getQueryString(), HeaderFields.of(fields), body);
    }

    private FixedResponse notScripted(HttpServerExchange exchange) {
        return dialect.error(404, "mock server: nothing enqueued and no default for "
                + exchange.getRequestMethod() + " " + exchange.getRequestPath());
    }
}
