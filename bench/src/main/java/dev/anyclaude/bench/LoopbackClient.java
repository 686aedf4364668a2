package dev.anyclaude.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal keep-alive HTTP/1.1 client over one socket: it adds almost nothing of its own to a measured round trip,
 * so the difference between two targets is the difference between the targets. Reads fixed-length, chunked and
 * close-delimited bodies; reconnects when a server closes the connection between exchanges (Node servers may).
 * With a {@link MarkerClock} it reads every body byte and notes when each token marker arrived. Not thread-safe:
 * one per measuring thread.
 */
final class LoopbackClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    private final String host;
    private final int port;
    private final String path;
    private final String[] headers;
    private final byte[][] requests;
    private int next;
    private final byte[] buffer = new byte[16 * 1024];
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private boolean mustReconnect;

    /** Timings of one exchange, in nanoseconds from the first request byte written ({@code startNanos}). */
    record Timing(long startNanos, long firstByteNanos, long totalNanos, int status, long bodyBytes) {
    }

    LoopbackClient(String host, int port, String path, byte[] body, String... headers) throws IOException {
        this(host, port, path, java.util.List.of(body), headers);
    }

    /** A client that sends {@code bodies} in turn, one per exchange. */
    LoopbackClient(String host, int port, String path, java.util.List<byte[]> bodies, String... headers) throws IOException {
        this.host = host;
        this.port = port;
        this.path = path;
        this.headers = headers.clone();
        requests = new byte[bodies.size()][];
        for (int b = 0; b < bodies.size(); b++) {
            requests[b] = request(bodies.get(b));
        }
        connect();
    }

    private byte[] request(byte[] body) {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append(':').append(port).append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(body.length).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
        System.arraycopy(body, 0, whole, headBytes.length, body.length);
        return whole;
    }

    private void connect() throws IOException {
        if (socket != null) {
            socket.close();
        }
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS); // a target that stops answering fails the run instead of hanging it
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        mustReconnect = false;
    }

    Timing exchange() throws IOException {
        return exchange((MarkerClock) null);
    }

    /** One exchange with another body on the same connection (the request is framed here, outside the timing). */
    Timing exchange(byte[] body) throws IOException {
        return send(request(body), null, true);
    }

    /** One request and its whole answer; with {@code clock}, every body byte is read and scanned for markers. */
    Timing exchange(MarkerClock clock) throws IOException {
        Timing timing = send(requests[next], clock, true);
        next = (next + 1) % requests.length;
        return timing;
    }

    private Timing send(byte[] request, MarkerClock clock, boolean mayRetry) throws IOException {
        if (mustReconnect) {
            connect();
        }
        if (clock != null) {
            clock.reset();
        }
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        int first = in.read();
        if (first < 0) {
            if (!mayRetry) {
                throw new IOException("connection closed before a response");
            }
            // The server closed an idle keep-alive connection; ask again on a fresh one, timed from scratch.
            connect();
            return send(request, clock, false);
        }
        long firstByte = System.nanoTime() - start;
        String statusLine = ((char) first) + line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        String header;
        while (!(header = line()).isEmpty()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                mustReconnect = true;
            }
        }
        long bytes;
        if (chunked) {
            bytes = readChunked(clock);
        } else if (length >= 0) {
            bytes = read(length, clock);
        } else {
            bytes = readToEnd(clock);
            mustReconnect = true;
        }
        return new Timing(start, firstByte, System.nanoTime() - start, status, bytes);
    }

    private long readChunked(MarkerClock clock) throws IOException {
        long total = 0;
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            long chunk = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (chunk == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return total;
            }
            total += read(chunk, clock);
            line();
        }
    }

    private long read(long length, MarkerClock clock) throws IOException {
        long left = length;
        while (left > 0) {
            long done;
            if (clock == null) {
                done = in.skip(left);
                if (done <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("body ended early");
                    }
                    done = 1;
                }
            } else {
                done = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (done < 0) {
                    throw new IOException("body ended early");
                }
                clock.scan(buffer, 0, (int) done, System.nanoTime());
            }
            left -= done;
        }
        return length;
    }

    private long readToEnd(MarkerClock clock) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (clock != null) {
                clock.scan(buffer, 0, n, System.nanoTime());
            }
            total += n;
        }
        return total;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("connection closed mid-response");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
