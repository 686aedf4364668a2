package dev.anyclaude.plugins.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.plugins.openai.translate.ErrorTranslator;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenRouter's errors, through the generic translation as the backend runs it. */
class OpenRouterErrorsTest {
    private final ErrorTranslator errors = new ErrorTranslator("router", new OpenAiJson(),
            new OpenRouterErrors("OPENROUTER_API_KEY", true));

    private AnthropicException http(int status, String body, String retryAfter) {
        return errors.fromHttp(status, body.getBytes(StandardCharsets.UTF_8), retryAfter);
    }

    private AnthropicException http(int status, String message) {
        return http(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\"}}", null);
    }

    @ParameterizedTest(name = "HTTP {0} -> {2} {1}")
    @CsvSource({
            "400, invalid_request_error, 400",
            "401, authentication_error, 401",
            "402, billing_error, 402",
            "403, permission_error, 403",
            "408, timeout_error, 504",
            "429, rate_limit_error, 429",
            "500, api_error, 500",
            "502, overloaded_error, 529",
            "503, overloaded_error, 529"})
    void statusesMapToAnthropicTypesAndNameOpenRouter(int status, String type, int clientStatus) {
        AnthropicException e = http(status, "nope");

        assertThat(e.type().wireName()).isEqualTo(type);
        assertThat(e.status()).isEqualTo(clientStatus);
        assertThat(e.getMessage()).contains("OpenRouter").contains("backend 'router' answered HTTP " + status + ": nope");
    }

    @Test
    void noCreditsIsExplainedWithTheLimitSource() {
        AnthropicException e = http(402, """
                {"error":{"code":402,"message":"Insufficient credits","metadata":{"limit_source":"key"}}}""", null);

        assertThat(e.type()).isEqualTo(ErrorType.BILLING);
        assertThat(e.getMessage()).startsWith("OpenRouter says the account has no credits left; add credits at "
                + "openrouter.ai/settings/credits or pick a free model").contains("(limit source: key)")
                .contains("Insufficient credits");
    }

    @Test
    void badKeySaysWhichVariableToSetAndNeverEchoesTheKey() {
        AnthropicException e = http(401, "{\"error\":{\"code\":401,\"message\":\"Invalid key Bearer sk-or-v1-abcdef0123456789\"}}", null);

        assertThat(e.getMessage()).contains("OpenRouter rejected the API key: set OPENROUTER_API_KEY")
                .doesNotContain("sk-or-v1-abcdef0123456789");
        AnthropicException missing = new ErrorTranslator("router", new OpenAiJson(), new OpenRouterErrors("TEAM_KEY", false))
                .fromHttp(401, null, null);
        assertThat(missing.getMessage()).startsWith("no OpenRouter API key is configured: set TEAM_KEY");
    }

    @Test
    void moderationGivesItsReasons() {
        AnthropicException e = http(403, """
                {"error":{"code":403,"message":"Input flagged","metadata":{"reasons":["violence","harassment"],
                "flagged_input":"...","provider_name":"OpenAI","model_slug":"openai/gpt-4o"}}}""", null);

        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION);
        assertThat(e.getMessage()).contains("moderation").contains("reasons: violence, harassment")
                .contains("provider OpenAI");
    }

    @Test
    void rateLimitKeepsRetryAfter() {
        assertThat(http(429, "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}", "12").getMessage())
                .contains("retry after 12 s");
    }

    @Test
    void noProviderSuggestsRelaxingProviderPreferences() {
        AnthropicException e = http(503, "No endpoints found matching your data policy");

        assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED);
        assertThat(e.getMessage()).contains("no OpenRouter provider meets the routing constraints")
                .contains("relax the backend's provider preferences");
    }

    @Test
    void errorChunkBeforeTheAnswerUsesTheCodeItCarries() {
        AnthropicException e = errors.fromError(new UpstreamError("Insufficient credits", null, 402, null, null));

        assertThat(e.type()).isEqualTo(ErrorType.BILLING);
        assertThat(e.status()).isEqualTo(402);
    }

    @Test
    void contextLengthWordingIsKeptForClaudeCodeToCompact() {
        AnthropicException e = http(400, "This endpoint's maximum context length is 262144 tokens");

        assertThat(e.getMessage()).startsWith("prompt is too long: ");
    }

    @Test
    void midStreamErrorsAreOverloadedForCapacityElseApiAndNameTheProvider() {
        var explainer = new OpenRouterErrors("OPENROUTER_API_KEY", true);
        for (var code : List.of(429, 502, 503)) {
            assertThat(midStream(explainer, code).type()).isEqualTo(ErrorType.OVERLOADED);
        }
        AnthropicException other = midStream(explainer, 400);
        assertThat(other.type()).isEqualTo(ErrorType.API);
        assertThat(other.getMessage()).startsWith("OpenRouter: ").contains("(provider: Acme)");
    }

    private static AnthropicException midStream(OpenRouterErrors explainer, int code) {
        UpstreamError error = new UpstreamError("boom", null, code, null, Map.of("provider_name", "Acme"));
        return explainer.explain(new dev.anyclaude.plugins.openai.translate.ErrorExplainer.UpstreamFailure(
                200, error, null, true), AnthropicException.of(ErrorType.API,
                "backend 'router' failed during the answer: boom (provider: Acme)"));
    }
}
