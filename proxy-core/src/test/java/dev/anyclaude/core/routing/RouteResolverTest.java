package dev.anyclaude.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteResolverTest {
    private final RouteResolver resolver = new RouteResolver("claude", List.of("claude", "gpu-box"));

    @Test
    void plainModelGoesToTheDefaultBackendUnchanged() {
        assertThat(resolver.resolve("claude-opus-5-5")).isEqualTo(new Route("claude", "claude-opus-5-5"));
    }

    @Test
    void backendCommaModelNamesTheBackend() {
        assertThat(resolver.resolve("gpu-box,qwen/qwen3-coder")).isEqualTo(new Route("gpu-box", "qwen/qwen3-coder"));
        assertThat(resolver.resolve(" gpu-box , m ")).isEqualTo(new Route("gpu-box", "m"));
    }

    @Test
    void unknownBackendIsAnInvalidRequestListingTheKnownOnes() {
        assertThatThrownBy(() -> resolver.resolve("nope,m"))
                .isInstanceOf(AnthropicException.class)
                .hasMessageContaining("unknown backend 'nope'")
                .hasMessageContaining("known backends: claude, gpu-box");
    }

    @Test
    void backendWithoutModelIsAnInvalidRequest() {
        assertThatThrownBy(() -> resolver.resolve("gpu-box,")).isInstanceOf(AnthropicException.class)
                .hasMessageContaining("no model after the comma");
    }
}
