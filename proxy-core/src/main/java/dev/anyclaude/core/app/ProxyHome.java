package dev.anyclaude.core.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where anyclaude keeps things: the user's state folder ({@code ~/.anyclaude}: plugins, logs, data) and, when it
 * runs from an installation, the installation folder (its bundled {@code plugins/}).
 *
 * @param state   the user's state folder
 * @param install the installation folder ({@code -Danyclaude.home}, set by {@code bin/anyclaude}), if any
 */
public record ProxyHome(Path state, Optional<Path> install) {

    /** The folders of the current user and process. */
    public static ProxyHome current() {
        Path state = Path.of(System.getProperty("user.home"), ".anyclaude");
        String install = System.getProperty("anyclaude.home");
        return new ProxyHome(state, Optional.ofNullable(install).filter(s -> !s.isBlank()).map(Path::of));
    }

    /** The plugin folders in lookup order: the installation's, then the user's. */
    public java.util.List<Path> pluginFolders() {
        java.util.List<Path> folders = new java.util.ArrayList<>();
        install.ifPresent(dir -> folders.add(dir.resolve("plugins")));
        folders.add(state.resolve("plugins"));
        return folders;
    }
}
