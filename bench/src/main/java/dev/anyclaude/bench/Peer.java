package dev.anyclaude.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Another proxy run side by side with anyclaude against the same mocks, installed by bench/run.sh from npm into a
 * cache folder outside the repository: claude-code-router (Anthropic to OpenAI translation) and the Portkey gateway
 * (Anthropic passthrough), each as its own Node process; and HAProxy (Debian's package), a C reverse proxy that only
 * forwards HTTP, as the reference for what one more HTTP hop on this machine costs at the least. Each on a free
 * 127.0.0.1 port.
 */
final class Peer implements AutoCloseable {
    static final String CCR = "claude-code-router";
    static final String PORTKEY = "portkey";
    static final String HAPROXY = "haproxy";

    final String name;
    final int port;
    private final Set<Lane> lanes;
    private final List<String> headers;
    private final Process process;

    private Peer(String name, int port, Set<Lane> lanes, List<String> headers, Process process) {
        this.name = name;
        this.port = port;
        this.lanes = lanes;
        this.headers = headers;
        this.process = process;
    }

    boolean serves(Lane lane) {
        return lanes.contains(lane);
    }

    Target target(Lane lane) {
        return Target.proxy(name, lane, port, headers);
    }

    long pid() {
        return process.pid();
    }

    /** claude-code-router 2.0.0 in the foreground ({@code ccr start}), its config in a HOME of its own. */
    static Peer claudeCodeRouter(Path peers, Path work, int openAiPort) throws IOException, InterruptedException {
        Path cli = peers.resolve("ccr/node_modules/@musistudio/claude-code-router/dist/cli.js");
        Path home = work.resolve("ccr-home");
        Files.createDirectories(home.resolve(".claude-code-router"));
        int port = freePort();
        Files.writeString(home.resolve(".claude-code-router/config.json"), """
                {"HOST":"127.0.0.1","PORT":%d,"APIKEY":"bench-key","LOG":false,
                 "Providers":[{"name":"mock","api_base_url":"http://127.0.0.1:%d/v1/chat/completions","api_key":"bench","models":["m"]}],
                 "Router":{"default":"mock,m"}}
                """.formatted(port, openAiPort));
        ProcessBuilder builder = new ProcessBuilder("node", cli.toString(), "start");
        builder.environment().put("HOME", home.toString());
        return start(CCR, builder, work, port, Set.of(Lane.OPENAI_JSON, Lane.OPENAI_SSE), List.of());
    }

    /**
     * The Portkey gateway 1.15.2 ({@code build/start-server.js --headless}), passing Anthropic requests through to
     * the mock named in {@code x-portkey-custom-host}. bench/run.sh makes its {@code updateHeaders} call best-effort
     * at install time; unpatched, every stream fails on Node 20 with "TypeError: immutable".
     */
    static Peer portkey(Path peers, Path work, int anthropicPort) throws IOException, InterruptedException {
        Path server = peers.resolve("portkey/node_modules/@portkey-ai/gateway/build/start-server.js");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("node", server.toString(), "--port=" + port, "--headless");
        return start(PORTKEY, builder, work, port, Set.of(Lane.PASSTHROUGH_JSON, Lane.PASSTHROUGH_SSE),
                List.of("x-portkey-provider", "anthropic", "x-portkey-custom-host", "http://127.0.0.1:" + anthropicPort + "/v1"));
    }

    /**
     * HAProxy (bench/run.sh installs Debian's package) in the foreground, forwarding HTTP to the Anthropic mock over
     * kept-alive connections, two threads like anyclaude's IO threads: the floor for any proxy's added latency and
     * throughput on this machine, since it parses HTTP and relays bytes and does nothing else. {@code http-no-delay}
     * makes it send each piece of a stream as it arrives, as anyclaude does; by default it holds data back to send
     * fuller packets (the drip stream's events then came about 10 ms late).
     */
    static Peer haproxy(Path work, int anthropicPort) throws IOException, InterruptedException {
        int port = freePort();
        Path config = work.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                  nbthread 2
                  maxconn 4096
                defaults
                  mode http
                  timeout connect 5s
                  timeout client 60s
                  timeout server 60s
                  http-reuse always
                  option http-no-delay
                frontend bench
                  bind 127.0.0.1:%d
                  default_backend mock
                backend mock
                  server mock 127.0.0.1:%d
                """.formatted(port, anthropicPort));
        ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-f", config.toString());
        return start(HAPROXY, builder, work, port, Set.of(Lane.PASSTHROUGH_JSON, Lane.PASSTHROUGH_SSE, Lane.CLAUDE_CODE_TURN),
                List.of());
    }

    private static Peer start(String name, ProcessBuilder builder, Path work, int port, Set<Lane> lanes, List<String> headers)
            throws IOException, InterruptedException {
        Path log = work.resolve(name + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new Peer(name, port, lanes, headers, process);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException(name + " did not listen on " + port + " within 60 s; log: " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The process's resident set, from /proc/PID/status, in KiB; -1 if unknown. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static Map<String, String> versions() {
        return Map.of(CCR, "2.0.0", PORTKEY, "1.15.2");
    }
}
