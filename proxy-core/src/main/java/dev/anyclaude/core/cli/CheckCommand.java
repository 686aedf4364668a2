package dev.anyclaude.core.cli;

import dev.anyclaude.api.Health;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.app.StartUpWork;
import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ProxyConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code anyclaude check}: validates the config, loads the plugins, starts every enabled backend and reports its
 * health, and prints the routing table; exits 0 only when everything is usable.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validates the config, starts every enabled backend, reports problems and the routing table.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ProxyOptions options;

    @Override
    public Integer call() {
        ProxyHome home = ProxyHome.current();
        StartUpWork work = StartUpWork.begin(home, options.pluginDirs);
        ProxyConfig config;
        try {
            config = options.load(work.json());
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 2;
        }
        System.out.println("config: " + config.source().map(Object::toString).orElse("(none: built-in defaults)"));
        try (AnyclaudeProxy proxy = AnyclaudeProxy.start(config.withListener("127.0.0.1", 0), home, work)) {
            boolean healthy = true;
            System.out.println("backends:");
            for (String name : proxy.backends().names()) {
                Health health = proxy.backends().get(name).orElseThrow().probe();
                healthy &= health.status() != Health.Status.DOWN;
                System.out.printf("  %-16s type %-12s %s%s%n", name, proxy.backends().typeOf(name),
                        health.status().name().toLowerCase(java.util.Locale.ROOT),
                        health.detail().isEmpty() ? "" : " - " + health.detail());
            }
            System.out.println("routing:");
            System.out.println("  default            -> " + config.defaultBackend());
            Map<String, Object> router = config.blocks().getOrDefault("router", Map.of());
            router.forEach((rule, target) -> System.out.println("  " + String.format("%-18s", rule) + " -> " + target));
            System.out.println("  \"backend,model\"    -> that backend, that model");
            System.out.println(healthy ? "ok" : "some backends cannot answer: see above");
            return healthy ? 0 : 1;
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.in(config.source()).getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 1;
        }
    }
}
