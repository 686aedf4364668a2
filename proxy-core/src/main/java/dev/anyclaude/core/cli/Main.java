package dev.anyclaude.core.cli;

import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.app.StartUpWork;
import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ProxyConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The {@code anyclaude} command: with no subcommand it starts the proxy on a free loopback port, runs Claude Code
 * pointed at it (every argument it does not know goes to Claude Code), and exits with Claude Code's exit code,
 * stopping the proxy. {@code anyclaude serve} runs the proxy alone.
 */
@Command(name = "anyclaude", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Runs Claude Code on the backend you pick.",
                "Arguments anyclaude does not know go to Claude Code; put them after -- to pass --help or --version."})
public final class Main implements Callable<Integer> {
    /**
     * The subcommands in the order help lists them. picocli builds each one's model by reflection when it is
     * registered, so {@link #commandLine(String...)} registers only the one a command line names first.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @Mixin
    ProxyOptions options;

    @Parameters(arity = "0..*", paramLabel = "CLAUDE_ARGS", description = "Arguments for Claude Code.")
    List<String> claudeArgs = List.of();

    public static void main(String[] args) {
        // Guice's defaults spin classes (its AOP and fast constructor and method calls) and record a stack trace for
        // every binding, for a composition root of eight objects made once: plain reflection starts faster. A value
        // the user set on the command line wins. Set before Guice's flags are read, on its first use.
        defaultProperty("guice_bytecode_gen_option", "DISABLED");
        defaultProperty("guice_include_stack_traces", "OFF");
        // Logging is configured on first use, before picocli has parsed anything: switch body logging on first.
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--debug")) {
                System.setProperty("anyclaude.bodies.level", "DEBUG");
            }
        }
        System.exit(commandLine(args).execute(args));
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("serve", ServeCommand::new);
        subcommands.put("plugins", PluginsCommand::new);
        subcommands.put("check", CheckCommand::new);
        subcommands.put("status", StatusCommand::new);
        subcommands.put("cache", CacheCommand::new);
        return subcommands;
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The command line with every subcommand, set up so that Claude Code's own options pass through. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, that subcommand is the only one
     * registered (parsing, help and errors of a subcommand do not involve its siblings), else all are.
     */
    static CommandLine commandLine(String... args) {
        String first = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) ? args[0] : null;
        CommandLine cli = new CommandLine(new Main());
        SUBCOMMANDS.forEach((name, command) -> {
            if (first == null || first.equals(name)) {
                cli.addSubcommand(name, command.get());
            }
        });
        // After the subcommands are added: picocli applies these settings to the subcommands it has.
        return cli.setUnmatchedOptionsArePositionalParams(true)
                .setStopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        ProxyHome home = ProxyHome.current();
        StartUpWork work = StartUpWork.begin(home, options.pluginDirs);
        ProxyConfig config;
        try {
            config = options.load(work.json());
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 2;
        }
        Map<String, Object> claude = config.blocks().getOrDefault("claude", Map.of());
        Optional<Path> executable = ClaudeLauncher.find(System.getenv("ANYCLAUDE_CLAUDE"),
                claude.get("command") instanceof String command ? command : null, System.getenv("PATH"));
        if (executable.isEmpty()) {
            System.err.println("anyclaude: " + ClaudeLauncher.INSTALL_HINT);
            return 127;
        }
        String token = HexFormat.of().formatHex(randomBytes());
        AnyclaudeProxy proxy;
        try {
            proxy = AnyclaudeProxy.start(config.withListener("127.0.0.1", 0).withToken(token), home, work);
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.in(config.source()).getMessage());
            return 2;
        }
        var watcher = options.watch(proxy);
        try (proxy) {
            ignoreInterruptsWhileClaudeRuns();
            String type = config.backends().get(config.defaultBackend()).type();
            Map<String, String> env = ClaudeLauncher.environment(System.getenv(), stringMap(claude.get("env")),
                    proxy.url(), token, type.equals("anthropic") || type.equals("claude"));
            return ClaudeLauncher.run(executable.get(), claudeArgs, env);
        } finally {
            if (watcher != null) {
                watcher.close();
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Ctrl-C belongs to Claude Code (it interrupts a turn); the proxy must outlive it until Claude Code exits. */
    @SuppressWarnings("restriction")
    private static void ignoreInterruptsWhileClaudeRuns() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> { });
        } catch (IllegalArgumentException unsupported) {
            // No SIGINT on this platform: nothing to ignore.
        }
    }

    private static Map<String, String> stringMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
