package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamRequest;
import io.undertow.client.ClientRequest;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.channels.StreamSinkChannel;

/** What both Undertow-based upstream clients do alike: the request's head and its body. */
final class UndertowRequests {
    private UndertowRequests() {
    }

    /** The request line and headers: the request's own, {@code Host} from the URI, {@code Content-Length}. */
    static ClientRequest head(UpstreamRequest request) {
        URI uri = request.uri();
        ClientRequest out = new ClientRequest()
                .setMethod(Methods.fromString(request.method()))
                .setPath(UpstreamSupport.pathAndQuery(uri));
        HeaderMap headers = out.getRequestHeaders();
        for (Map.Entry<String, String> header : request.headers()) {
            if (!UpstreamSupport.isManaged(header.getKey())) {
                headers.add(HttpString.tryFromString(header.getKey()), header.getValue());
            }
        }
        headers.put(Headers.HOST, uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        boolean bodyless = request.method().equalsIgnoreCase("GET") || request.method().equalsIgnoreCase("HEAD");
        if (request.body().length > 0 || !bodyless) {
            headers.put(Headers.CONTENT_LENGTH, request.body().length);
        }
        return out;
    }

    /**
     * Writes the body without blocking (resuming when the channel has room), then ends the request.
     *
     * @param written runs once the whole body was flushed (at once for an empty body, which Undertow ends itself)
     * @param failed  runs when writing failed
     */
    static void writeBody(StreamSinkChannel sink, byte[] bytes, Runnable written, Consumer<IOException> failed) {
        if (bytes.length == 0) {
            written.run();
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        ChannelListener<StreamSinkChannel> writer = new ChannelListener<>() {
            @Override
            public void handleEvent(StreamSinkChannel channel) {
                try {
                    while (buffer.hasRemaining()) {
                        if (channel.write(buffer) == 0) {
                            channel.getWriteSetter().set(this);
                            channel.resumeWrites();
                            return;
                        }
                    }
                    channel.shutdownWrites();
                    if (channel.flush()) {
                        channel.suspendWrites();
                        written.run();
                        return;
                    }
                    channel.getWriteSetter().set(ChannelListeners.flushingChannelListener(
                            flushed -> written.run(), (flushed, e) -> failed.accept(e)));
                    channel.resumeWrites();
                } catch (IOException e) {
                    failed.accept(e);
                }
            }
        };
        writer.handleEvent(sink);
    }
}
