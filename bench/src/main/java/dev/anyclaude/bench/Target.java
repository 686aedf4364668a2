package dev.anyclaude.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Something the harness sends one lane's request to: the mock upstream directly, anyclaude, or a peer, each with
 * the path, body and headers it expects.
 */
record Target(String name, int port, String path, List<byte[]> bodies, List<String> headers) {
    static final String DIRECT = "direct";
    static final String ANYCLAUDE = "anyclaude";
    static final List<String> ANTHROPIC_HEADERS = List.of("x-api-key", "bench-key", "anthropic-version", "2023-06-01");

    /** The lane's question to the mock, in the mock's own protocol. */
    static Target direct(Lane lane, int upstreamPort) {
        return new Target(DIRECT, upstreamPort, lane.directPath(), List.of(lane.directBody()), ANTHROPIC_HEADERS);
    }

    /** The lane's Anthropic Messages request to a proxy at {@code port}. */
    static Target proxy(String name, Lane lane, int port, List<String> extraHeaders) {
        List<String> headers = new ArrayList<>(ANTHROPIC_HEADERS);
        headers.addAll(extraHeaders);
        return new Target(name, port, "/v1/messages?beta=true", List.of(lane.proxyBody()), headers);
    }

    /** The same target asking for a drip stream (see {@link Upstreams#DRIP}). */
    Target dripping() {
        return rewritten(text -> text.replace(Lane.QUESTION, Upstreams.DRIP));
    }

    /** The same target sending {@code count} different questions in turn (distinct cache keys). */
    Target varied(int count) {
        if (count <= 1) {
            return this;
        }
        List<byte[]> varied = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String suffix = " (" + i + ")";
            varied.add(new String(bodies.getFirst(), StandardCharsets.UTF_8).replace(Lane.QUESTION, Lane.QUESTION + suffix)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new Target(name, port, path, varied, headers);
    }

    private Target rewritten(java.util.function.UnaryOperator<String> change) {
        List<byte[]> changed = new ArrayList<>();
        for (byte[] body : bodies) {
            changed.add(change.apply(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
        return new Target(name, port, path, changed, headers);
    }

    /**
     * One line: name, port, path, the headers, and the bodies, tab-separated, headers joined by a tab too (a header's
     * name or value has no tab) and each body in base64; {@link #decode} reads it back.
     */
    String encode() {
        StringBuilder line = new StringBuilder(name).append('\t').append(port).append('\t').append(path)
                .append('\t').append(headers.size());
        headers.forEach(header -> line.append('\t').append(header));
        bodies.forEach(body -> line.append('\t').append(java.util.Base64.getEncoder().encodeToString(body)));
        return line.toString();
    }

    static Target decode(String line) {
        String[] fields = line.split("\t", -1);
        int headerCount = Integer.parseInt(fields[3]);
        List<String> headers = List.of(java.util.Arrays.copyOfRange(fields, 4, 4 + headerCount));
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 4 + headerCount; i < fields.length; i++) {
            bodies.add(java.util.Base64.getDecoder().decode(fields[i]));
        }
        return new Target(fields[0], Integer.parseInt(fields[1]), fields[2], bodies, headers);
    }

    String url() {
        return "http://127.0.0.1:" + port + path;
    }

    LoopbackClient open() throws IOException {
        return new LoopbackClient("127.0.0.1", port, path, bodies, headers.toArray(String[]::new));
    }
}
