package dev.anyclaude.plugins.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenRouterBackendFactoryTest {
    private final OpenRouterBackendFactory factory = new OpenRouterBackendFactory(
            Map.of("OPENROUTER_API_KEY", "sk-or-env", "TEAM_KEY", " sk-or-team ", "BLANK", " ")::get);

    @Test
    void typeIsOpenrouter() {
        assertThat(new OpenRouterBackendFactory().type()).isEqualTo("openrouter");
    }

    @Test
    void keyFromConfigWins() {
        assertThat(factory.key(TestConfigs.read("{\"model\":\"m\",\"apiKey\":\"sk-or-config\"}")))
                .contains("sk-or-config");
    }

    @Test
    void keyFromOpenRouterApiKeyByDefault() {
        assertThat(factory.key(TestConfigs.read("{\"model\":\"m\"}"))).contains("sk-or-env");
    }

    @Test
    void keyFromTheVariableApiKeyEnvNames() {
        assertThat(factory.key(TestConfigs.read("{\"model\":\"m\",\"apiKeyEnv\":\"TEAM_KEY\"}"))).contains("sk-or-team");
    }

    @Test
    void blankOrUnsetMeansNoKey() {
        assertThat(factory.key(TestConfigs.read("{\"model\":\"m\",\"apiKeyEnv\":\"BLANK\"}"))).isEmpty();
        assertThat(factory.key(TestConfigs.read("{\"model\":\"m\",\"apiKeyEnv\":\"UNSET\",\"apiKey\":\"\"}"))).isEmpty();
    }
}
