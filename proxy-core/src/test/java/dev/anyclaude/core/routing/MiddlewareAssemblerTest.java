package dev.anyclaude.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.api.Reply;
import dev.anyclaude.core.config.BackendEntry;
import dev.anyclaude.core.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiddlewareAssemblerTest {
    private final List<String> trace = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    private MiddlewareFactory factory(String name, int order) {
        return new MiddlewareFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public Middleware create(PluginContext context) {
                created.add(name + context.rawConfig());
                return chain -> {
                    trace.add(name);
                    return chain.proceed(chain.call());
                };
            }
        };
    }

    private static Map<String, BackendEntry> backends(BackendEntry... entries) {
        Map<String, BackendEntry> map = new LinkedHashMap<>();
        for (BackendEntry entry : entries) {
            map.put(entry.name(), entry);
        }
        return map;
    }

    private List<String> run(MiddlewareAssembler.Assembly assembly, String backend) {
        trace.clear();
        Backend answer = call -> Reply.json(Map.of());
        assembly.pipeline(backend).run(mock(Call.class), answer);
        return List.copyOf(trace);
    }

    @Test
    void aTopLevelBlockTurnsAMiddlewareOnForEveryBackendAndABackendCanTurnItOff() {
        MiddlewareAssembler.Assembly assembly = MiddlewareAssembler.assemble(
                List.of(factory("cache", 50), factory("toolCalls", 10)),
                Map.of("cache", Map.of("ttl", "1h"), "toolCalls", Map.of()),
                backends(new BackendEntry("mlx", "mlx", true, Map.of()),
                        new BackendEntry("claude", "anthropic", true, Map.of("cache", false, "toolCalls", "off"))),
                (name, block) -> context(block));

        assertThat(run(assembly, "mlx")).containsExactly("toolCalls", "cache");
        assertThat(run(assembly, "claude")).isEmpty();
        assertThat(created).containsExactlyInAnyOrder("cache{ttl=1h}", "toolCalls{}");
        assertThat(assembly.instances()).hasSize(2);
    }

    @Test
    void aBackendCanTurnOnAMiddlewareThatHasNoBlockAndEnabledFalseTurnsItOff() {
        MiddlewareAssembler.Assembly assembly = MiddlewareAssembler.assemble(
                List.of(factory("cache", 50), factory("audit", 60)),
                Map.of("audit", Map.of("enabled", false)),
                backends(new BackendEntry("mlx", "mlx", true, Map.of("cache", true)),
                        new BackendEntry("other", "openai", true, Map.of("toolCalls", "auto"))),
                (name, block) -> context(block));

        assertThat(run(assembly, "mlx")).containsExactly("cache");
        assertThat(run(assembly, "other")).isEmpty();
        assertThat(created).containsExactly("cache{}");
    }

    @Test
    void aSwitchThatIsNeitherBooleanNorModeNamesTheField() {
        assertThatThrownBy(() -> MiddlewareAssembler.assemble(List.of(factory("cache", 1)), Map.of(),
                backends(new BackendEntry("mlx", "mlx", true, Map.of("cache", 3))), (name, block) -> context(block)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("backends.mlx.cache:");
    }

    @Test
    void aFactoryTurnsItselfOnByDefaultForSomeBackendsAndSeesEachBackendsSetting() {
        List<Object> settings = new ArrayList<>();
        MiddlewareFactory repair = new MiddlewareFactory() {
            @Override
            public String name() {
                return "toolCalls";
            }

            @Override
            public boolean onByDefault(String backendType, Map<String, Object> backendSettings) {
                return !backendType.equals("anthropic") || "compatible".equals(backendSettings.get("mode"));
            }

            @Override
            public Middleware create(PluginContext context) {
                return chain -> {
                    trace.add("toolCalls");
                    settings.add(String.valueOf(chain.backendSetting()));
                    return chain.proceed(chain.call());
                };
            }
        };
        MiddlewareAssembler.Assembly assembly = MiddlewareAssembler.assemble(List.of(repair), Map.of(),
                backends(new BackendEntry("claude", "anthropic", true, Map.of()),
                        new BackendEntry("llama", "anthropic", true, Map.of("mode", "compatible")),
                        new BackendEntry("vllm", "openai", true, Map.of()),
                        new BackendEntry("mlx", "mlx", true, Map.of("toolCalls", Map.of("mode", "force"))),
                        new BackendEntry("lms", "lmstudio", true, Map.of("toolCalls", Map.of("mode", "off")))),
                (name, block) -> context(block));

        assertThat(run(assembly, "claude")).isEmpty();
        assertThat(run(assembly, "llama")).containsExactly("toolCalls");
        assertThat(run(assembly, "vllm")).containsExactly("toolCalls");
        assertThat(run(assembly, "mlx")).containsExactly("toolCalls");
        assertThat(run(assembly, "lms")).isEmpty();
        assertThat(settings).containsExactly("null", "null", "{mode=force}");
        assertThat(assembly.instances()).hasSize(1);
    }

    private static PluginContext context(Map<String, Object> block) {
        PluginContext context = mock(PluginContext.class);
        org.mockito.Mockito.when(context.rawConfig()).thenReturn(block);
        return context;
    }
}
