package dev.anyclaude.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import picocli.CommandLine;

class QuickArgsTest {
    private static final List<String> WORDS = List.of("serve", "check", "status", "cache", "--config", "--config=a.json",
            "a.json", "--plugins-dir", "p1", "--plugins-dir=p2", "--debug", "--debug=true", "--mode", "mlx", "--mode=",
            "--record", "r", "--replay", "--host", "0.0.0.0", "--port", "0", "8082", "007", "+5", "--port=1", "-p",
            "hello world", "--model", "--", "-h", "--help", "-V", "--version", "-x", "", "--configx");

    @Provide
    Arbitrary<List<String>> commandLines() {
        return Arbitraries.of(WORDS).list().ofMaxSize(7);
    }

    @Property(tries = 4000)
    void whatItReadsPicocliReadsTheSameWay(@ForAll("commandLines") List<String> args) {
        Callable<Integer> quick = QuickArgs.parse(args.toArray(String[]::new));
        if (quick == null) {
            return; // left to picocli
        }
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        Object picocli = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().userObject()
                : parsed.commandSpec().userObject();
        assertThat(describe(quick)).as("%s", args).isEqualTo(describe(picocli));
    }

    @Example
    void serveWithItsOptionsIsReadWithoutPicocli() {
        Callable<Integer> quick = QuickArgs.parse("serve", "--config", "a.json", "--port", "0", "--host=0.0.0.0",
                "--plugins-dir", "p1", "--plugins-dir", "p2", "--debug");

        assertThat(quick).isInstanceOf(ServeCommand.class);
        ServeCommand serve = (ServeCommand) quick;
        assertThat(serve.port).isZero();
        assertThat(serve.host).isEqualTo("0.0.0.0");
        assertThat(serve.options.configFile).isEqualTo(Path.of("a.json"));
        assertThat(serve.options.pluginDirs).containsExactly(Path.of("p1"), Path.of("p2"));
        assertThat(serve.options.debug).isTrue();
    }

    @Example
    void claudeCodesArgumentsStartAtTheFirstArgumentThatIsNotAnAnyclaudeOption() {
        Callable<Integer> quick = QuickArgs.parse("--mode", "mlx", "-p", "hello world", "--model", "opus", "--debug");

        assertThat(quick).isInstanceOf(Main.class);
        assertThat(((Main) quick).options.mode).isEqualTo("mlx");
        assertThat(((Main) quick).claudeArgs).containsExactly("-p", "hello world", "--model", "opus", "--debug");
    }

    @Example
    void helpVersionOtherCommandsAndOddLinesAreLeftToPicocli() {
        assertThat(QuickArgs.parse("--help")).isNull();
        assertThat(QuickArgs.parse("serve", "--help")).isNull();
        assertThat(QuickArgs.parse("-V")).isNull();
        assertThat(QuickArgs.parse("check")).isNull();
        assertThat(QuickArgs.parse("serve", "--port", "eighty")).isNull();
        assertThat(QuickArgs.parse("serve", "--config")).isNull();
        assertThat(QuickArgs.parse("--config", "a.json", "--config", "b.json")).isNull();
        assertThat(QuickArgs.parse("--", "-p", "hi")).isNull();
    }

    private static String describe(Object command) {
        if (command instanceof ServeCommand serve) {
            return "serve host=" + serve.host + " port=" + serve.port + " " + describe(serve.options);
        }
        if (command instanceof Main main) {
            return "run " + describe(main.options) + " claude=" + main.claudeArgs;
        }
        return String.valueOf(command);
    }

    private static String describe(ProxyOptions options) {
        return "config=" + options.configFile + " plugins=" + options.pluginDirs + " debug=" + options.debug + " mode="
                + options.mode + " record=" + options.recordDir + " replay=" + options.replayDir;
    }
}
