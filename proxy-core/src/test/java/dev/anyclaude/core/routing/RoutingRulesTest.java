package dev.anyclaude.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.ThinkingConfig;
import dev.anyclaude.core.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One row per routing rule and per precedence between two rules. */
class RoutingRulesTest {
    private static final List<String> BACKENDS = List.of("claude", "local", "gpu", "router", "vision", "big");

    private static final RouteResolver RESOLVER = new RouteResolver("claude", BACKENDS, RouterConfigReader.read(rules(), BACKENDS));

    private static Map<String, Object> rules() {
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("claude-sonnet-4-5", "gpu,qwen3-coder");
        models.put("*opus*", "router");
        models.put("gpt-*", "router,openai/gpt-5");
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("models", models);
        block.put("background", "local,qwen2.5-coder-7b");
        block.put("thinking", "gpu,deepseek-r1");
        block.put("images", "vision");
        block.put("longContext", Map.of("threshold", 5000, "route", "big,gemini"));
        block.put("fallback", List.of("router", "claude"));
        return block;
    }

    private static MessagesRequest request(String model, ContentBlock block, ThinkingConfig thinking) {
        MessagesRequest base = MessagesRequest.of(model, 100, List.of(new InputMessage("user", Content.of(block))));
        return new MessagesRequest(base.model(), base.maxTokens(), base.messages(), null, null, null, null, null, null,
                null, null, thinking, null, null, null, null, Map.of());
    }

    private static final ContentBlock SHORT = new ContentBlock.Text("hi");
    private static final ContentBlock LONG = new ContentBlock.Text("word ".repeat(5000));
    private static final ContentBlock IMAGE = new ContentBlock.Image(
            new ContentBlock.Source("base64", "image/png", "iVBOR", null, null, Map.of()), Map.of());
    private static final ThinkingConfig ADAPTIVE = new ThinkingConfig.Adaptive(null);

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("unknown model goes to the default backend unchanged", "claude-x", SHORT, null, new Route("claude", "claude-x")),
                Arguments.of("exact alias", "claude-sonnet-4-5", SHORT, null, new Route("gpu", "qwen3-coder")),
                Arguments.of("glob alias keeps the model when the target names none", "claude-opus-5-5", SHORT, null, new Route("router", "claude-opus-5-5")),
                Arguments.of("glob alias with a model", "gpt-4o", SHORT, null, new Route("router", "openai/gpt-5")),
                Arguments.of("haiku-class is background", "claude-haiku-4-5", SHORT, null, new Route("local", "qwen2.5-coder-7b")),
                Arguments.of("thinking", "claude-x", SHORT, ADAPTIVE, new Route("gpu", "deepseek-r1")),
                Arguments.of("enabled thinking", "claude-x", SHORT, new ThinkingConfig.Enabled(2048, null), new Route("gpu", "deepseek-r1")),
                Arguments.of("disabled thinking is no thinking", "claude-x", SHORT, new ThinkingConfig.Disabled(), new Route("claude", "claude-x")),
                Arguments.of("images", "claude-x", IMAGE, null, new Route("vision", "claude-x")),
                Arguments.of("long context", "claude-x", LONG, null, new Route("big", "gemini")),
                Arguments.of("thinking beats background", "claude-haiku-4-5", SHORT, ADAPTIVE, new Route("gpu", "deepseek-r1")),
                Arguments.of("thinking beats an alias", "claude-sonnet-4-5", SHORT, ADAPTIVE, new Route("gpu", "deepseek-r1")),
                Arguments.of("images beat thinking", "claude-x", IMAGE, ADAPTIVE, new Route("vision", "claude-x")),
                Arguments.of("long context beats images", "claude-x", LONG, null, new Route("big", "gemini")),
                Arguments.of("explicit backend,model beats everything", "local,llama", LONG, ADAPTIVE, new Route("local", "llama")),
                Arguments.of("background beats an alias", "claude-haiku-opus", SHORT, null, new Route("local", "qwen2.5-coder-7b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void ruleApplies(String rule, String model, ContentBlock block, ThinkingConfig thinking, Route expected) {
        assertThat(RESOLVER.resolve(model, () -> request(model, block, thinking))).isEqualTo(expected);
    }

    @Test
    void planListsTheFallbacksWithTheSameModelAndNoneTwice() {
        assertThat(RESOLVER.plan("claude-x", () -> request("claude-x", SHORT, null)))
                .containsExactly(new Route("claude", "claude-x"), new Route("router", "claude-x"));
    }

    @Test
    void withoutContentRulesTheRequestIsNeverParsed() {
        RouteResolver aliasesOnly = new RouteResolver("claude", BACKENDS,
                RouterConfigReader.read(Map.of("models", Map.of("*haiku*", "local")), BACKENDS));
        assertThat(aliasesOnly.resolve("claude-haiku-4-5", () -> {
            throw new AssertionError("parsed");
        })).isEqualTo(new Route("local", "claude-haiku-4-5"));
    }

    @Test
    void badRouterBlocksNameTheField() {
        assertThatThrownBy(() -> RouterConfigReader.read(Map.of("models", List.of()), BACKENDS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("router.models");
        assertThatThrownBy(() -> RouterConfigReader.read(Map.of("thinking", "nowhere,m"), BACKENDS))
                .hasMessageContaining("router.thinking: unknown backend 'nowhere'");
        assertThatThrownBy(() -> RouterConfigReader.read(Map.of("fallback", List.of("gpu", 5)), BACKENDS))
                .hasMessageContaining("router.fallback[1]");
        assertThatThrownBy(() -> RouterConfigReader.read(Map.of("longContext", Map.of("route", "big")), BACKENDS))
                .hasMessageContaining("router.longContext");
        assertThatThrownBy(() -> RouterConfigReader.read(Map.of("images", "gpu,"), BACKENDS))
                .hasMessageContaining("router.images");
    }
}
