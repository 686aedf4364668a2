package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamClient;

/** Makes the upstream client named in config: {@code undertow} (the default, see docs/http-client.md) or {@code jdk}. */
public final class UpstreamClients {
    private UpstreamClients() {
    }

    public static UpstreamClient create(String name) {
        return switch (name) {
            case "jdk" -> new JdkUpstreamClient();
            case "undertow" -> new UndertowUpstreamClient();
            default -> throw new IllegalArgumentException("unknown http client '" + name + "'; use undertow or jdk");
        };
    }
}
