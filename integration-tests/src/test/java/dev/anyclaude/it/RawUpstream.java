package dev.anyclaude.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream HTTP/1.1 server on port 0 that answers each request with a script writing raw bytes to the socket:
 * chunk boundaries, write sizes and where the connection breaks are the test's to choose, which the mock servers
 * (that write whole frames) do not allow. Connections are kept alive unless a script closes its socket.
 */
final class RawUpstream implements AutoCloseable {

    /** Writes one answer; closing the socket ends the connection. */
    interface Script {
        void answer(Socket socket, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    RawUpstream() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void enqueue(Script script) {
        scripts.add(script);
    }

    /** The body of the next request received. */
    String takeRequest() throws InterruptedException {
        return requests.poll(10, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (!socket.isClosed()) {
                String body = readRequest(in);
                if (body == null) {
                    return;
                }
                requests.add(body);
                Script script = scripts.poll(10, TimeUnit.SECONDS);
                if (script == null) {
                    return;
                }
                script.answer(socket, out);
                if (!socket.isClosed()) {
                    out.flush();
                }
            }
        } catch (Exception e) {
            // The proxy went away or the script broke the connection on purpose.
        }
    }

    /** One request's body, or null when the connection ended first. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).strip());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    // Scripts.

    /** A 200 stream of {@code body}, chunked in chunks of {@code chunkSize} bytes, each written on its own. */
    static Script chunkedStream(String body, int chunkSize) {
        return chunkedStream(200, "text/event-stream", body, chunkSize);
    }

    /** An answer of {@code body}, chunked in chunks of {@code chunkSize} bytes, each written on its own. */
    static Script chunkedStream(int status, String contentType, String body, int chunkSize) {
        return (socket, out) -> {
            out.write(head(status, contentType, null));
            out.flush();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (int i = 0, n; i < bytes.length; i += n) {
                n = Math.min(chunkSize, bytes.length - i);
                out.write(chunk(bytes, i, n));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
    }

    /** Headers, the whole body in chunks of {@code chunkSize} and the last chunk, in one write. */
    static Script allAtOnce(int status, String contentType, String body, int chunkSize) {
        return (socket, out) -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(head(status, contentType, null));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (int i = 0, n; i < bytes.length; i += n) {
                n = Math.min(chunkSize, bytes.length - i);
                all.write(chunk(bytes, i, n));
            }
            all.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(all.toByteArray());
            out.flush();
        };
    }

    /** A 200 stream: {@code whole} in one chunk, then a chunk that announces more than it sends; then a reset. */
    static Script cutMidChunk(String whole, String partOfNext) {
        return (socket, out) -> {
            out.write(head(200, "text/event-stream", null));
            byte[] first = whole.getBytes(StandardCharsets.UTF_8);
            out.write(chunk(first, 0, first.length));
            byte[] next = partOfNext.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(next.length + 100) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(next);
            out.flush();
            socket.close();
        };
    }

    /** A 200 stream whose frames are written one at a time; before frame {@code gateAt} it waits for {@code gate}. */
    static Script gatedStream(java.util.List<String> frames, int gateAt, CompletableFuture<?> gate,
                              CompletableFuture<Throwable> broken) {
        return (socket, out) -> {
            try {
                out.write(head(200, "text/event-stream", null));
                for (int i = 0; i < frames.size(); i++) {
                    if (i == gateAt) {
                        out.flush();
                        gate.get(30, TimeUnit.SECONDS);
                    }
                    byte[] bytes = frames.get(i).getBytes(StandardCharsets.UTF_8);
                    out.write(chunk(bytes, 0, bytes.length));
                    out.flush();
                }
                // Keep writing pings until the proxy drops the connection.
                byte[] ping = "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk(ping, 0, ping.length));
                    out.flush();
                    Thread.sleep(5);
                }
                broken.complete(null);
            } catch (IOException e) {
                broken.complete(e);
                throw e;
            }
        };
    }

    static byte[] head(int status, String contentType, Integer contentLength) {
        return ("HTTP/1.1 " + status + " X\r\ncontent-type: " + contentType + "\r\n"
                + (contentLength == null ? "transfer-encoding: chunked\r\n" : "content-length: " + contentLength + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] chunk(byte[] bytes, int from, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 16);
        out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, from, length);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Nothing is left to release.
        }
    }
}
