package dev.anyclaude.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Something the harness sends one lane's request to: the mock upstream directly, anyclaude, or a peer, each with
 * the path, body and headers it expects.
 */
record Target(String name, int port, String path, byte[] body, List<String> headers) {
    static final String DIRECT = "direct";
    static final String ANYCLAUDE = "anyclaude";
    static final List<String> ANTHROPIC_HEADERS = List.of("x-api-key", "bench-key", "anthropic-version", "2023-06-01");

    /** The lane's question to the mock, in the mock's own protocol. */
    static Target direct(Lane lane, int upstreamPort) {
        return new Target(DIRECT, upstreamPort, lane.directPath(), lane.directBody(), ANTHROPIC_HEADERS);
    }

    /** The lane's Anthropic Messages request to a proxy at {@code port}. */
    static Target proxy(String name, Lane lane, int port, List<String> extraHeaders) {
        List<String> headers = new ArrayList<>(ANTHROPIC_HEADERS);
        headers.addAll(extraHeaders);
        return new Target(name, port, "/v1/messages?beta=true", lane.proxyBody(), headers);
    }

    /** The same target asking for a drip stream (see {@link Upstreams#DRIP}). */
    Target dripping() {
        String text = new String(body, StandardCharsets.UTF_8);
        return new Target(name, port, path, text.replace(Lane.QUESTION, Upstreams.DRIP).getBytes(StandardCharsets.UTF_8),
                headers);
    }

    String url() {
        return "http://127.0.0.1:" + port + path;
    }

    LoopbackClient open() throws IOException {
        return new LoopbackClient("127.0.0.1", port, path, body, headers.toArray(String[]::new));
    }
}
