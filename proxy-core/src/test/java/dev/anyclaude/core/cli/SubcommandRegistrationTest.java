package dev.anyclaude.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandRegistrationTest {

    @Test
    void aCommandLineThatStartsWithASubcommandRegistersOnlyThatOne() {
        assertThat(Main.commandLine("serve", "--port", "0").getSubcommands()).containsOnlyKeys("serve");
        assertThat(Main.commandLine("cache", "stats").getSubcommands()).containsOnlyKeys("cache");
    }

    @Test
    void anyOtherCommandLineRegistersEverySubcommandInHelpOrder() {
        assertThat(Main.commandLine("--help").getSubcommands().keySet())
                .containsExactly("serve", "plugins", "check", "status", "cache");
        assertThat(Main.commandLine("--config", "x.json", "serve").getSubcommands()).hasSize(5);
        assertThat(Main.commandLine().getSubcommands()).hasSize(5);
    }

    @Test
    void aSubcommandRegisteredAloneParsesAsWhenAllAre() {
        StringWriter alone = new StringWriter();
        StringWriter all = new StringWriter();
        CommandLine onlyServe = Main.commandLine("serve", "--bogus").setErr(new PrintWriter(alone));
        CommandLine every = Main.commandLine().setErr(new PrintWriter(all));

        assertThat(onlyServe.execute("serve", "--bogus")).isEqualTo(every.execute("serve", "--bogus")).isEqualTo(2);
        assertThat(alone.toString()).isEqualTo(all.toString()).contains("Unknown option: '--bogus'");
    }
}
