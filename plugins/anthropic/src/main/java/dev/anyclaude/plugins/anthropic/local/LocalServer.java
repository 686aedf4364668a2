package dev.anyclaude.plugins.anthropic.local;

import java.util.Objects;

/**
 * Who a {@link LocalServerBackend} talks to, for its messages.
 *
 * @param name      the backend's config name
 * @param baseUrl   the server's address, named when nothing answers there
 * @param startHint how to start the server, for example {@code "Start Ollama with `ollama serve`."}
 */
public record LocalServer(String name, String baseUrl, String startHint) {
    /** Checks that nothing is null. */
    public LocalServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(startHint, "startHint");
    }
}
