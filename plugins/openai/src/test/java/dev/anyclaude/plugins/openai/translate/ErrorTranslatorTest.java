package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorTranslatorTest {
    private final ErrorTranslator errors = new ErrorTranslator("gpu-box", new OpenAiJson());

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, invalid_request_error, 400",
            "401, authentication_error, 401",
            "403, permission_error, 403",
            "404, not_found_error, 404",
            "408, timeout_error, 504",
            "413, request_too_large, 413",
            "422, invalid_request_error, 400",
            "429, rate_limit_error, 429",
            "500, api_error, 500",
            "502, api_error, 500",
            "503, overloaded_error, 529",
            "529, overloaded_error, 529"})
    void statusesMapAsTheProtocolSays(int status, String type, int clientStatus) {
        AnthropicException e = errors.fromHttp(status, body("{\"error\":{\"message\":\"nope\"}}"));
        assertThat(e.type().wireName()).isEqualTo(type);
        assertThat(e.status()).isEqualTo(clientStatus);
        assertThat(e.getMessage()).isEqualTo("backend 'gpu-box' answered HTTP " + status + ": nope");
    }

    @Test
    void readsOpenAiErrors() {
        AnthropicException e = errors.fromHttp(400, body("""
                {"error":{"message":"Unrecognized request argument supplied: top_k","type":"invalid_request_error",\
                "param":null,"code":null}}"""));
        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.getMessage()).endsWith(": Unrecognized request argument supplied: top_k");
    }

    @Test
    void readsVllmErrors() {
        AnthropicException e = errors.fromHttp(400, body("""
                {"object":"error","message":"[{'type': 'extra_forbidden', 'loc': ('body', 'max_completion_tokens')}]",\
                "type":"BadRequestError","param":null,"code":400}"""));
        assertThat(e.getMessage()).contains("extra_forbidden").contains("max_completion_tokens");
    }

    @Test
    void readsMlxStringErrors() {
        AnthropicException e = errors.fromHttp(404, body("{\"error\":\"Model not found: qwen\"}"));
        assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("backend 'gpu-box' answered HTTP 404: Model not found: qwen");
    }

    @Test
    void readsOpenRouterErrorsWithTheProvider() {
        AnthropicException e = errors.fromHttp(502, body("""
                {"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"Acme","raw":"x"}}}"""));
        assertThat(e.type()).isEqualTo(ErrorType.API);
        assertThat(e.getMessage()).endsWith(": Provider returned error (provider: Acme)");
    }

    @Test
    void readsFastApiDetailsAndPlainText() {
        assertThat(errors.fromHttp(422, body("{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field required\"}]}"))
                .getMessage()).contains("field required");
        assertThat(errors.fromHttp(502, body("<html>Bad Gateway</html>")).getMessage())
                .isEqualTo("backend 'gpu-box' answered HTTP 502: <html>Bad Gateway</html>");
        assertThat(errors.fromHttp(500, new byte[0]).getMessage()).isEqualTo("backend 'gpu-box' answered HTTP 500");
        assertThat(errors.fromHttp(500, null).getMessage()).isEqualTo("backend 'gpu-box' answered HTTP 500");
    }

    @Test
    void contextLengthErrorsUseTheWordingClaudeCodeCompactsOn() {
        AnthropicException e = errors.fromHttp(400, body("""
                {"object":"error","message":"This model's maximum context length is 32768 tokens. However, you \
                requested 140000 tokens.","type":"BadRequestError","code":400}"""));
        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.getMessage()).startsWith("prompt is too long: backend 'gpu-box' answered HTTP 400: This model's");

        AnthropicException byCode = errors.fromHttp(400, body("""
                {"error":{"message":"too long","type":"invalid_request_error","code":"context_length_exceeded"}}"""));
        assertThat(byCode.getMessage()).startsWith("prompt is too long: ");
    }

    @Test
    void credentialsInUpstreamMessagesAreMasked() {
        AnthropicException e = errors.fromHttp(401, body("""
                {"error":{"message":"Incorrect API key provided: sk-proj-abcdefghijklmnop1234. Header was Bearer sk-xyz123456789"}}"""));
        assertThat(e.getMessage()).doesNotContain("abcdefghijklmnop").doesNotContain("xyz123456789")
                .contains("[redacted]");
    }

    @Test
    void errorsInsideA200AnswerFollowTheirCodeOrType() {
        assertThat(errors.fromError(new UpstreamError("slow down", null, 429, null, null)).type())
                .isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(errors.fromError(new UpstreamError("busy", "overloaded_error", null, null, null)).type())
                .isEqualTo(ErrorType.OVERLOADED);
        assertThat(errors.fromError(UpstreamError.of("boom")).type()).isEqualTo(ErrorType.API);
        assertThat(errors.fromError(UpstreamError.of("boom")).getMessage())
                .isEqualTo("backend 'gpu-box' reported an error: boom");
    }

    @Test
    void errorsAfterTheStreamStartedAreOverloadedOrApiErrors() {
        assertThat(ErrorTranslator.streamType(new UpstreamError("x", null, 429, null, null))).isEqualTo(ErrorType.OVERLOADED);
        assertThat(ErrorTranslator.streamType(new UpstreamError("x", null, "503", null, null))).isEqualTo(ErrorType.OVERLOADED);
        assertThat(ErrorTranslator.streamType(new UpstreamError("x", null, 400, null, null))).isEqualTo(ErrorType.API);
        assertThat(ErrorTranslator.streamType(UpstreamError.of("x"))).isEqualTo(ErrorType.API);
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
