package dev.anyclaude.core.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The two command lines users start most, {@code anyclaude serve [options]} and {@code anyclaude [options] CLAUDE_ARGS},
 * read without picocli. Picocli builds its whole command model by reflection on every start, and its Java 5 class
 * files cannot go into a CDS archive or AOT cache: about 250 ms of CPU, half the start-up budget
 * (docs/benchmarks.md). Anything this parser is not sure about (help, version, the other commands, a repeated
 * option, a missing or dash-led value, {@code --}) it declines, and picocli reads the command line as before, with
 * the same result or error; QuickArgsTest holds the two to the same answers.
 */
final class QuickArgs {
    private static final Set<String> SUBCOMMANDS = Set.of("serve", "plugins", "check", "status", "cache");

    private QuickArgs() {
    }

    /** The command to call, with its fields set as picocli would set them; null when picocli must read the line. */
    static Callable<Integer> parse(String... args) {
        if (args.length > 0 && args[0].equals("serve")) {
            ServeCommand serve = new ServeCommand();
            serve.options = new ProxyOptions();
            return options(args, 1, serve.options, serve) == args.length ? serve : null;
        }
        Main main = new Main();
        main.options = new ProxyOptions();
        int next = options(args, 0, main.options, null);
        if (next < 0) {
            return null;
        }
        List<String> rest = Arrays.asList(args).subList(next, args.length);
        if (!rest.isEmpty() && (SUBCOMMANDS.contains(rest.getFirst()) || rest.contains("--"))) {
            return null;
        }
        main.claudeArgs = List.copyOf(rest);
        return main;
    }

    /**
     * Reads the options from {@code from}; returns the index of the first argument that is not one (the rest, for
     * Claude Code), or -1 when picocli must read the line. {@code serve} takes its own options too.
     */
    private static int options(String[] args, int from, ProxyOptions options, ServeCommand serve) {
        Set<String> seen = new java.util.HashSet<>();
        int i = from;
        while (i < args.length) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            boolean known = switch (name) {
                case "--config", "--plugins-dir", "--mode", "--record", "--replay", "--debug" -> true;
                case "--host", "--port" -> serve != null;
                default -> false;
            };
            if (!known) {
                if (serve != null || arg.equals("--") || arg.startsWith("-h") || arg.startsWith("-V")
                        || arg.startsWith("--help") || arg.startsWith("--version")) {
                    return -1;
                }
                return i;
            }
            if (!name.equals("--plugins-dir") && !seen.add(name)) {
                return -1; // picocli refuses a single-value option given twice
            }
            if (name.equals("--debug")) {
                if (equals > 0) {
                    return -1;
                }
                options.debug = true;
                i++;
                continue;
            }
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
                i++;
            } else if (i + 1 < args.length) {
                value = args[i + 1];
                i += 2;
            } else {
                return -1;
            }
            // picocli takes neither a dash-led word nor a command's name as an option's value
            if (value.startsWith("-") || SUBCOMMANDS.contains(value) || !set(name, value, options, serve)) {
                return -1;
            }
        }
        return i;
    }

    private static boolean set(String name, String value, ProxyOptions options, ServeCommand serve) {
        if (value.indexOf('\0') >= 0) {
            return false;
        }
        switch (name) {
            case "--config" -> options.configFile = Path.of(value);
            case "--plugins-dir" -> {
                List<Path> dirs = new ArrayList<>(options.pluginDirs);
                dirs.add(Path.of(value));
                options.pluginDirs = dirs;
            }
            case "--mode" -> options.mode = value;
            case "--record" -> options.recordDir = Path.of(value);
            case "--replay" -> options.replayDir = Path.of(value);
            case "--host" -> serve.host = value;
            case "--port" -> {
                if (!value.chars().allMatch(Character::isDigit) || value.isEmpty() || value.length() > 9) {
                    return false;
                }
                serve.port = Integer.parseInt(value);
            }
            default -> throw new IllegalStateException(name);
        }
        return true;
    }
}
