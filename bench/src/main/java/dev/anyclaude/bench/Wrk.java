package dev.anyclaude.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Throughput of one target under wrk (the Debian package bench/run.sh installs): requests/s and failures. */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    /** Requests/s, how many requests were answered in all, and how many answers were errors (non-2xx, socket errors). */
    record Rate(double requestsPerSecond, long requests, long errors) {
    }

    static Rate run(Target target, int connections, int seconds, Path work) throws IOException, InterruptedException {
        Path script = work.resolve("wrk-" + target.name() + ".lua");
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\n")
                .append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        for (int i = 0; i + 1 < target.headers().size(); i += 2) {
            lua.append("wrk.headers[\"").append(target.headers().get(i)).append("\"] = \"")
                    .append(target.headers().get(i + 1)).append("\"\n");
        }
        lua.append("local bodies = {");
        for (byte[] body : target.bodies()) {
            lua.append("[==[").append(new String(body, StandardCharsets.UTF_8)).append("]==],");
        }
        lua.append("}\nlocal next = 0\nrequest = function()\n  next = next % #bodies + 1\n")
                .append("  return wrk.format(nil, nil, nil, bodies[next])\nend\n");
        Files.writeString(script, lua);
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "-s", script.toString(),
                target.url()).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk failed on " + target.name() + ": " + out);
        }
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IOException("no Requests/sec in wrk's output for " + target.name() + ": " + out);
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        Matcher requests = REQUESTS.matcher(out);
        return new Rate(Double.parseDouble(rate.group(1)), requests.find() ? Long.parseLong(requests.group(1)) : 0, errors);
    }
}
