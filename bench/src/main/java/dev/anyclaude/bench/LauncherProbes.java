package dev.anyclaude.bench;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measurements of the proxy as users run it: the distribution's bin/anyclaude serve in its own JVM, with the JVM
 * flags the launcher gives (plus ANYCLAUDE_JAVA_OPTS where a variant says so), HOME in a scratch folder.
 */
final class LauncherProbes {
    private static final byte[] STREAM_BODY = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hold\"}]}").getBytes(StandardCharsets.UTF_8);

    private final Path launcher;
    private final Path work;

    LauncherProbes(Path distribution, Path work) {
        this.launcher = distribution.resolve("bin/anyclaude");
        this.work = work;
    }

    /** Resident memory of the proxy, in KiB: serving, idle after one request, and with {@code streams} open. */
    record Memory(long idleKib, long openKib, int streams, int opened) {
    }

    Memory memory(int streams) throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<String> frames = AnthropicFixtures.textStreamFrames("zq00 held");
        try (MockAnthropicServer upstream = new MockAnthropicServer()) {
            upstream.setRecording(false);
            // Streams: frames 0-2 (message_start, content_block_start, ping) leave at once, the rest wait for the
            // release. The JSON probe that waits for the proxy to serve gets its answer at once.
            MockResponse stream = MockResponse.sse(frames).gateBefore(3, release);
            MockResponse json = MockResponse.json(200, AnthropicFixtures.messageJson());
            upstream.dispatch(MockAnthropicServer.MESSAGES, request -> request.bodyUtf8().contains("\"stream\":true") ? stream : json);
            upstream.start();
            prepareClassData(upstream.port());
            int port = Peer.freePort();
            Process proxy = start(port, upstream.port(), "", true);
            try {
                awaitServing(proxy, port, Duration.ofSeconds(120));
                long idle = Peer.rssKib(proxy.pid());
                CountDownLatch open = new CountDownLatch(streams);
                List<Socket> sockets = new ArrayList<>();
                try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < streams; i++) {
                        Socket socket = new Socket("127.0.0.1", port);
                        sockets.add(socket);
                        readers.submit(() -> readUntilHeld(socket, port, open));
                    }
                    open.await(120, TimeUnit.SECONDS);
                    Thread.sleep(500); // let the JVM settle (buffers, GC) with every stream open
                    long held = Peer.rssKib(proxy.pid());
                    int opened = (int) (streams - open.getCount());
                    release.complete(null);
                    for (Socket socket : sockets) {
                        socket.close();
                    }
                    return new Memory(idle, held, streams, opened);
                }
            } finally {
                release.complete(null);
                stop(proxy);
            }
        }
    }

    /** One start-up variant: wall time and the JVM's own CPU time (user + system) to the first 200, ms. */
    record Startup(Histogram wallMillis, Histogram cpuMillis) {
        void record(long[] wallAndCpu) {
            wallMillis.recordValue(Math.max(1, wallAndCpu[0]));
            cpuMillis.recordValue(Math.max(1, wallAndCpu[1]));
        }
    }

    /** Both start-up variants, from starts taken in turn. */
    record Startups(Startup withoutClassData, Startup launcherDefault) {
    }

    /**
     * Wall time from the launcher's start to the first 200 answer from /v1/messages, and the CPU time the JVM had
     * used by then (less sensitive to other load on the machine), {@code runs} times for each variant: without class
     * data ({@code ANYCLAUDE_CDS=off}) and as users get it (the launcher's class data, made first by starts that are
     * not counted). The variants start in turn, so a minute of load on the machine falls on both alike.
     */
    Startups startups(int upstreamPort, int runs) throws Exception {
        prepareClassData(upstreamPort);
        Startup without = new Startup(new Histogram(600_000, 3), new Histogram(600_000, 3));
        Startup withData = new Startup(new Histogram(600_000, 3), new Histogram(600_000, 3));
        for (int i = 0; i < runs; i++) {
            without.record(startOnce(upstreamPort, "", false));
            withData.record(startOnce(upstreamPort, "", true));
        }
        return new Startups(without, withData);
    }

    /**
     * Lets the launcher make its class data as a user's first starts do: on JDK 25 the first run records, the second
     * assembles the AOT cache in the background (waited for here); on JDK 21-24 the first run writes a CDS archive.
     */
    private void prepareClassData(int upstreamPort) throws Exception {
        Path dir = work.resolve("home/.anyclaude/cds");
        for (int i = 0; i < 2 && !classDataReady(dir); i++) {
            startOnce(upstreamPort, "", true);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!classDataReady(dir)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("bin/anyclaude made no class data in " + dir + " within 3 minutes");
            }
            Thread.sleep(200);
        }
    }

    private static boolean classDataReady(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith(".aot") || n.endsWith(".jsa"));
        }
    }

    private long[] startOnce(int upstreamPort, String javaOpts, boolean cds) throws Exception {
        int port = Peer.freePort();
        long begin = System.nanoTime();
        Process proxy = start(port, upstreamPort, javaOpts, cds);
        try {
            awaitServing(proxy, port, Duration.ofSeconds(120));
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            return new long[] {wall, cpuMillis(proxy.pid())};
        } finally {
            stop(proxy);
        }
    }

    /** utime + stime of /proc/PID/stat (clock ticks of 10 ms on Linux), in ms; -1 if unknown. */
    private static long cpuMillis(long pid) {
        long nanos = CpuMeter.cpuNanos(Path.of("/proc/" + pid + "/stat"));
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    /** A running bin/anyclaude serve and its port; closing stops it. */
    record Served(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    /**
     * bin/anyclaude serve with one backend (a backend entry's JSON, as {@link Lane#backendJson} writes it), serving,
     * without class data: for measurements of its steady state, where the launcher's assembling of an AOT cache in
     * the background would take CPU from them.
     */
    Served serve(String backendJson) throws Exception {
        int port = Peer.freePort();
        Process proxy = start(port, backendJson, "", false);
        try {
            awaitServing(proxy, port, Duration.ofSeconds(120));
            return new Served(proxy, port);
        } catch (Exception e) {
            stop(proxy);
            throw e;
        }
    }

    private Process start(int port, int upstreamPort, String javaOpts, boolean cds) throws IOException {
        return start(port, Lane.PASSTHROUGH_JSON.backendJson("http://127.0.0.1:" + upstreamPort), javaOpts, cds);
    }

    /** bin/anyclaude serve; {@code cds} false sets ANYCLAUDE_CDS=off (the launcher's class-data archive). */
    private Process start(int port, String backendJson, String javaOpts, boolean cds) throws IOException {
        Path home = Files.createDirectories(work.resolve("home"));
        Path config = work.resolve("anyclaude-" + port + ".json");
        Files.writeString(config, "{\"backend\":\"bench\",\"backends\":{\"bench\":" + backendJson + "}}");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve", "--config", config.toString(),
                "--port", Integer.toString(port));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("ANYCLAUDE_JAVA_OPTS", javaOpts);
        builder.environment().put("ANYCLAUDE_CDS", cds ? "on" : "off");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("launcher.log").toFile()));
        return builder.start();
    }

    /** Polls /v1/messages (a JSON request) until it answers 200. */
    private static void awaitServing(Process proxy, int port, Duration timeout) throws Exception {
        byte[] body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!proxy.isAlive()) {
                throw new IOException("bin/anyclaude exited with " + proxy.exitValue() + " (see launcher.log)");
            }
            try (LoopbackClient client = new LoopbackClient("127.0.0.1", port, "/v1/messages", body,
                    Target.ANTHROPIC_HEADERS.toArray(String[]::new))) {
                int status = client.exchange().status();
                if (status == 200) {
                    return;
                }
                throw new IOException("bin/anyclaude answered " + status);
            } catch (java.net.ConnectException notYet) {
                Thread.sleep(2);
            }
        }
        throw new IOException("bin/anyclaude did not answer within " + timeout.toSeconds() + " s");
    }

    private static void readUntilHeld(Socket socket, int port, CountDownLatch open) {
        try {
            OutputStream out = socket.getOutputStream();
            String head = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "x-api-key: bench-key\r\nanthropic-version: 2023-06-01\r\nContent-Length: " + STREAM_BODY.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(STREAM_BODY);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (seen.indexOf("event: ping") >= 0) {
                    open.countDown();
                    break;
                }
            }
            while (in.read(buffer) > 0) {
                // drain until the harness releases the streams or closes the socket
            }
        } catch (IOException closedByHarness) {
            // expected at the end
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
