package dev.anyclaude.core.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ProxyConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnyclaudeProxyTest {
    @TempDir
    Path state;

    @Test
    void bindingBeyondLoopbackWithoutATokenIsRefused() {
        assertThatThrownBy(() -> AnyclaudeProxy.start(ProxyConfig.defaults().withListener("0.0.0.0", 0),
                new ProxyHome(state, Optional.empty())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.host: 0.0.0.0 is reachable from other machines; set server.token");
    }

    @Test
    void withATokenTheAddressIsAcceptedAndStartingGoesOn() {
        // No backend plugin is on this class path, so the start fails later, at the backend, not at the address.
        assertThatThrownBy(() -> AnyclaudeProxy.start(ProxyConfig.defaults().withListener("0.0.0.0", 0).withToken("t"),
                new ProxyHome(state, Optional.empty())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown backend type 'anthropic'");
    }
}
