package dev.anyclaude.core.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code anyclaude} command. */
@Command(name = "anyclaude", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs Claude Code (or any Anthropic API client) on the backend you pick.",
        subcommands = {ServeCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
