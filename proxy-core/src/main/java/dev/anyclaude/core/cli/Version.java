package dev.anyclaude.core.cli;

import picocli.CommandLine;

/** The version from the JAR manifest ({@code Implementation-Version}). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[]{"anyclaude " + (version == null ? "(development build)" : version)};
    }
}
