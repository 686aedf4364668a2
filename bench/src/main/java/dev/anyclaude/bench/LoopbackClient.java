package dev.anyclaude.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal keep-alive HTTP/1.1 client over one socket: it adds almost nothing of its own to a measured round trip,
 * so the difference between two targets is the difference between the targets. Reads fixed-length and chunked
 * bodies. Not thread-safe: one per measuring thread.
 */
final class LoopbackClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;
    private final String host;
    private final int port;
    private final String path;
    private final String[] headers;

    /** Timings of one exchange, in nanoseconds from the first request byte written. */
    record Timing(long firstByteNanos, long totalNanos, int status, long bodyBytes) {
    }

    LoopbackClient(String host, int port, String path, byte[] body, String... headers) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.host = host;
        this.port = port;
        this.path = path;
        this.headers = headers.clone();
        request = request(body);
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

    Timing exchange() throws IOException {
        return send(request);
    }

    /** One exchange with another body on the same connection (the request is framed here, outside the timing). */
    Timing exchange(byte[] body) throws IOException {
        return send(request(body));
    }

    private Timing send(byte[] request) throws IOException {
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        int first = in.read();
        long firstByte = System.nanoTime() - start;
        if (first < 0) {
            throw new IOException("connection closed before a response");
        }
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
            }
        }
        long bytes = chunked ? readChunked() : skip(length);
        return new Timing(firstByte, System.nanoTime() - start, status, bytes);
    }

    private long readChunked() throws IOException {
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
            total += skip(chunk);
            line();
        }
    }

    private long skip(long length) throws IOException {
        if (length < 0) {
            throw new IOException("response without length: the harness needs keep-alive framing");
        }
        long left = length;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("body ended early");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return length;
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
