package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.testkit.StubCall;

/** Calls for the tests of this plugin: streaming, to backend {@code local}, with a parsed request and no headers. */
final class TestCall {
    private TestCall() {
    }

    static Call of(MessagesRequest request) {
        return StubCall.of("req_1", "local", request);
    }
}
