package dev.anyclaude.core.http;

import dev.anyclaude.api.http.*;
import java.io.*;
import java.net.http.*;
import java.util.*;

/** TEMP STUB until the helper's client lands. */
public final class UndertowUpstreamClient implements UpstreamClient {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public UpstreamResponse send(UpstreamRequest request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(request.timeout())
            .method(request.method(), request.body().length == 0 && request.method().equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (var h : request.headers()) if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) b.header(h.getKey(), h.getValue());
        try {
            HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new UpstreamResponse() {
                public int status() { return r.statusCode(); }
                public HttpHeaders headers() { return r.headers(); }
                public InputStream body() { return r.body(); }
                public void close() { try { r.body().close(); } catch (IOException e) { } }
            };
        } catch (InterruptedException e) { Thread.currentThread().interrupt(); throw new InterruptedIOException(); }
    }
}
