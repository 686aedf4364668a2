package dev.anyclaude.core.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code anyclaude cache stats} and {@code anyclaude cache clear}: the response cache's disk tier on this machine,
 * done by the cache plugin's {@link dev.anyclaude.api.Maintenance} extension (proxy-core never depends on the
 * plugin). They work while no proxy uses the cache folder; a running proxy's figures are at its {@code /metrics}.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "The response cache on this machine: stats, clear (while no proxy uses it).",
        subcommands = {CacheCommand.Stats.class, CacheCommand.Clear.class})
final class CacheCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Prints the cache folder, how many answers it holds and their size.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        ProxyOptions options;

        @Override
        public Integer call() {
            return MaintenanceRunner.run(options, "cache", "stats");
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Removes every stored answer.")
    static final class Clear implements Callable<Integer> {
        @Mixin
        ProxyOptions options;

        @Override
        public Integer call() {
            return MaintenanceRunner.run(options, "cache", "clear");
        }
    }
}
