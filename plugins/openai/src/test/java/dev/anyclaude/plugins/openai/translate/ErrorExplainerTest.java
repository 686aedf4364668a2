package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorExplainerTest {
    private final OpenAiJson json = new OpenAiJson();
    private final List<ErrorExplainer.UpstreamFailure> seen = new ArrayList<>();
    private final ErrorExplainer recording = (failure, translated) -> {
        seen.add(failure);
        return AnthropicException.of(failure.midStream() ? ErrorType.OVERLOADED : ErrorType.BILLING,
                "explained: " + translated.getMessage());
    };

    @Test
    void httpErrorsGoThroughTheExplainerWithStatusBodyAndRetryAfter() {
        ErrorTranslator errors = new ErrorTranslator("router", json, recording);

        AnthropicException e = errors.fromHttp(402,
                "{\"error\":{\"code\":402,\"message\":\"no credits\"}}".getBytes(StandardCharsets.UTF_8), "7");

        assertThat(e.type()).isEqualTo(ErrorType.BILLING);
        assertThat(e.getMessage()).isEqualTo("explained: backend 'router' answered HTTP 402: no credits");
        assertThat(seen).singleElement().satisfies(failure -> {
            assertThat(failure.status()).isEqualTo(402);
            assertThat(failure.retryAfter()).isEqualTo("7");
            assertThat(failure.error().message()).isEqualTo("no credits");
            assertThat(failure.midStream()).isFalse();
        });
    }

    @Test
    void errorObjectInAStreamUsesTheCodeItNamesAsEffectiveStatus() {
        ErrorTranslator errors = new ErrorTranslator("router", json, recording);

        errors.fromError(new UpstreamError("busy", null, "503", null, null));

        assertThat(seen.getFirst().status()).isEqualTo(200);
        assertThat(seen.getFirst().effectiveStatus()).isEqualTo(503);
    }

    @Test
    void midStreamErrorEventTakesTheExplainedTypeAndMessage() {
        StreamTranslator stream = new StreamTranslator("router", "m", ToolNames.of(List.of(), 64), 10,
                IdSource.seeded(1), json, recording);
        stream.onChunk(json.readChunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}"));

        List<StreamEvent> events = stream.onUpstreamError(new UpstreamError("boom", null, 400, null,
                Map.of("provider_name", "Acme")));

        StreamEvent.Error error = (StreamEvent.Error) events.getLast();
        assertThat(error.error().type()).isEqualTo("overloaded_error");
        assertThat(error.error().message()).isEqualTo(
                "explained: backend 'router' failed during the answer: boom (provider: Acme)");
        assertThat(seen.getFirst().midStream()).isTrue();
        assertThat(stream.ended()).isTrue();
    }

    @Test
    void withoutAnExplainerTheGenericWordingStays() {
        AnthropicException e = new ErrorTranslator("gpu", json).fromHttp(500, null, "3");

        assertThat(e.type()).isEqualTo(ErrorType.API);
        assertThat(e).hasMessage("backend 'gpu' answered HTTP 500");
    }
}
