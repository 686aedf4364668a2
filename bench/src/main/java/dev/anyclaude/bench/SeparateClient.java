package dev.anyclaude.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The concurrency-1 client in a JVM of its own, for the lanes measured as deployed: a user's client (Claude Code, a
 * Node process) is not in the proxy's process, and neither is its upstream. Runs {@link Measure#latency} over the
 * targets of a file ({@link Target#encode}, one per line, direct first) and prints each target's histograms of the
 * whole exchange and of the first token as {@code total NAME BASE64} and {@code first NAME BASE64} lines (HdrHistogram's
 * compressed form), which {@link #measure} reads back in the harness.
 *
 * <pre>java -cp bench.jar:... dev.anyclaude.bench.SeparateClient TARGETS_FILE STREAM WARMUP REQUESTS</pre>
 */
public final class SeparateClient {
    private static final String TOTAL = "total ";
    private static final String FIRST = "first ";

    private SeparateClient() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: SeparateClient TARGETS_FILE STREAM WARMUP REQUESTS");
            System.exit(2);
        }
        List<Target> targets = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                targets.add(Target.decode(line));
            }
        }
        Measure.Latency latency = Measure.latency(targets, Boolean.parseBoolean(args[1]), null,
                Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        print(System.out, TOTAL, latency.total());
        print(System.out, FIRST, latency.firstToken());
    }

    private static void print(PrintStream out, String kind, Map<String, Histogram> histograms) {
        histograms.forEach((name, histogram) -> {
            ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            out.println(kind + name + " " + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        });
    }

    /** Histograms of one run of the client: whole exchanges and first tokens, per target name. */
    record Histograms(Map<String, Histogram> total, Map<String, Histogram> firstToken) {
    }

    /**
     * Runs the client in a new JVM (this one's {@code java} and class path) against the targets, direct first, and
     * reads its histograms; its own output other than those lines (the warm-up's) is printed here.
     */
    static Histograms measure(List<Target> targets, boolean stream, int warmup, int requests, Path work)
            throws IOException, InterruptedException {
        Path file = work.resolve("separate-client-targets.txt");
        List<String> lines = new ArrayList<>();
        for (Target target : targets) {
            lines.add(target.encode());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process client = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseParallelGC", "-cp",
                System.getProperty("java.class.path"), SeparateClient.class.getName(), file.toString(),
                Boolean.toString(stream), Integer.toString(warmup), Integer.toString(requests))
                .redirectErrorStream(true).start();
        Map<String, Histogram> total = new LinkedHashMap<>();
        Map<String, Histogram> first = new LinkedHashMap<>();
        String failure = "";
        try (var reader = client.inputReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(TOTAL)) {
                    put(total, line.substring(TOTAL.length()));
                } else if (line.startsWith(FIRST)) {
                    put(first, line.substring(FIRST.length()));
                } else {
                    System.out.println(line);
                    if (line.startsWith("Exception in thread")) {
                        failure = line.substring(line.indexOf(' ', "Exception in thread \"main\"".length()) + 1);
                    }
                }
            }
        }
        int exit = client.waitFor();
        if (exit != 0 || total.size() != targets.size()) {
            throw new IOException("the separate client exited with " + exit + " and " + total.size() + " of "
                    + targets.size() + " histograms" + (failure.isEmpty() ? "" : ": " + failure));
        }
        return new Histograms(total, first);
    }

    private static void put(Map<String, Histogram> histograms, String nameAndData) {
        int space = nameAndData.indexOf(' ');
        byte[] data = Base64.getDecoder().decode(nameAndData.substring(space + 1));
        try {
            histograms.put(nameAndData.substring(0, space),
                    Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(data), 0));
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("a histogram the separate client printed could not be read", e);
        }
    }
}
