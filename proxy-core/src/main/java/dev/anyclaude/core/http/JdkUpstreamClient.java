package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * An {@link UpstreamClient} on the JDK's {@link HttpClient}: HTTP/1.1, no redirects, the client's own connection
 * pool. {@link #send} blocks the calling (virtual) thread until the response headers arrived; the body is the JDK's
 * {@link BodyHandlers#ofInputStream() streaming InputStream}, whose reads return each chunk as it arrives. Closing
 * the response before the end closes that stream, which cancels the exchange and drops its connection.
 *
 * <p>Kept as the portable reference: {@link UndertowUpstreamClient} is faster on the proxy's hot path.
 */
public final class JdkUpstreamClient implements ConnectTimeouts.Capable, AutoCloseable {

    private final HttpClient http;
    private final SSLContext sslContext;
    /** The JDK sets the connect timeout per client: one more client per distinct timeout, made on first use. */
    private final java.util.concurrent.ConcurrentMap<java.time.Duration, HttpClient> byConnectTimeout =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A client trusting the JVM's default trust store. */
    public JdkUpstreamClient() {
        this(defaultSslContext());
    }

    /** A client whose {@code https} connections use the given TLS context. */
    public JdkUpstreamClient(SSLContext sslContext) {
        this.sslContext = sslContext;
        this.http = build(null);
    }

    private HttpClient build(java.time.Duration connect) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sslContext);
        if (connect != null) {
            builder.connectTimeout(connect);
        }
        return builder.build();
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws IOException {
        return send(request, null);
    }

    /** Sends the request; opening a connection fails after {@code connect} (null: the system's limit). */
    @Override
    public UpstreamResponse send(UpstreamRequest request, java.time.Duration connect) throws IOException {
        HttpClient client = connect == null ? http : byConnectTimeout.computeIfAbsent(connect, this::build);
        UpstreamSupport.requireHttpUri(request.uri());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(request.timeout())
                .method(request.method(), request.method().equalsIgnoreCase("GET") && request.body().length == 0
                        ? BodyPublishers.noBody()
                        : BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.headers()) {
            UpstreamSupport.requireValidHeader(header.getKey(), header.getValue());
            if (!UpstreamSupport.isManaged(header.getKey())) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        try {
            return new Response(client.send(builder.build(), BodyHandlers.ofInputStream()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(
                    request.method() + " " + UpstreamSupport.origin(request.uri()) + " interrupted");
        } catch (IOException e) {
            throw UpstreamSupport.failure(request.method(), request.uri(), e);
        }
    }

    /** Stops the client at once: exchanges still running fail. */
    @Override
    public void close() {
        http.shutdownNow();
        byConnectTimeout.values().forEach(HttpClient::shutdownNow);
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    private record Response(HttpResponse<InputStream> response) implements UpstreamResponse {

        @Override
        public int status() {
            return response.statusCode();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public InputStream body() {
            return response.body();
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // closing cancels the exchange; there is nothing left to report
            }
        }
    }
}
