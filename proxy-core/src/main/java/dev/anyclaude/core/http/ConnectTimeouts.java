package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * A connect timeout per request, which the plugin API's {@link UpstreamRequest} does not carry: the proxy's own
 * clients (and decorators of them) take it through {@link Capable}; any other client is used without one.
 */
public final class ConnectTimeouts {
    private ConnectTimeouts() {
    }

    /** An upstream client that can bound the time to open a connection. */
    public interface Capable extends UpstreamClient {
        /**
         * Like {@link #send(UpstreamRequest)}; opening a new connection fails with
         * {@link java.net.http.HttpConnectTimeoutException} after {@code connect}.
         */
        UpstreamResponse send(UpstreamRequest request, Duration connect) throws IOException;
    }

    /** Sends with the connect timeout when the client supports one. */
    public static UpstreamResponse send(UpstreamClient client, UpstreamRequest request, Duration connect)
            throws IOException {
        return client instanceof Capable capable ? capable.send(request, connect) : client.send(request);
    }
}
