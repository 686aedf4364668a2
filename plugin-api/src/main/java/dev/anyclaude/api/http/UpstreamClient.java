package dev.anyclaude.api.http;

import java.io.IOException;

/**
 * The HTTP client the proxy shares with all plugins ({@link dev.anyclaude.api.PluginContext#http()}): pooled
 * connections, HTTP/1.1 over TCP or TLS, bodies streamed as they arrive. Which implementation backs it was chosen
 * by measurement (see docs/http-client.md). Thread-safe; call it from a virtual thread.
 */
public interface UpstreamClient {

    /**
     * Sends the request and blocks until the status line and headers arrived. The body is then read from
     * {@link UpstreamResponse#body()} as it arrives.
     *
     * @return the response; the caller must close it
     * @throws IOException when the upstream cannot be reached or fails before its headers (refused, reset,
     *                     timed out); the message names the host, never a header value
     */
    UpstreamResponse send(UpstreamRequest request) throws IOException;
}
