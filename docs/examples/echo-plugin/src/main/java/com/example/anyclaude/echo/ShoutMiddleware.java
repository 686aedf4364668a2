package com.example.anyclaude.echo;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;
import java.util.Locale;

/**
 * Upper-cases the text of answers as they stream back, event by event. Raw replies (the Anthropic passthrough
 * relays bytes it never parses) pass unchanged: a middleware that must see them asks for events instead.
 */
final class ShoutMiddleware implements Middleware {

    @Override
    public Reply intercept(Chain chain) {
        Reply reply = chain.proceed(chain.call());
        if (!(reply instanceof Reply.Events events)) {
            return reply;
        }
        EventStream upstream = events.events();
        return Reply.events(new EventStream() {
            @Override
            public StreamEvent next() {
                StreamEvent event = upstream.next();
                if (event instanceof StreamEvent.ContentBlockDelta delta && delta.delta() instanceof Delta.TextDelta text) {
                    return new StreamEvent.ContentBlockDelta(delta.index(),
                            new Delta.TextDelta(text.text().toUpperCase(Locale.ROOT)));
                }
                return event;
            }

            @Override
            public void close() {
                upstream.close();
            }
        });
    }
}
