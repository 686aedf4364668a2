package dev.anyclaude.core.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy's configuration, from {@code .anyclauderc.json} with command-line overrides applied.
 *
 * @param source         the file it came from; empty for the built-in defaults
 * @param defaultBackend the name of the backend that serves requests not routed elsewhere ({@code "backend"})
 * @param host           the address to bind ({@code "server.host"}, default 127.0.0.1)
 * @param port           the port to bind ({@code "server.port"}; 0 picks a free one)
 * @param maxBodyBytes   the largest request body accepted ({@code "server.maxBodyBytes"}, default 32 MiB)
 * @param httpClient     the upstream HTTP client ({@code "server.httpClient"}: {@code undertow} or {@code jdk})
 * @param pluginDirs     extra plugin folders ({@code "plugins.dirs"})
 * @param backends       the backend entries by name, in file order
 * @param blocks         every other top-level block (middleware config such as {@code "cache"}), by key
 * @param token          when present, every API request must carry it in {@code x-anyclaude-token} (set by the
 *                       {@code anyclaude} launcher for its one Claude Code session)
 * @param maxHeaderBytes the largest request line plus headers accepted ({@code "server.maxHeaderBytes"}, default
 *                       64 KiB); larger ones get 431 {@code request_too_large}
 */
public record ProxyConfig(Optional<Path> source, String defaultBackend, String host, int port, long maxBodyBytes,
                          String httpClient,
                          List<Path> pluginDirs, Map<String, BackendEntry> backends,
                          Map<String, Map<String, Object>> blocks, Optional<String> token, int maxHeaderBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8082;
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final String DEFAULT_BACKEND = "anthropic";
    public static final String DEFAULT_HTTP_CLIENT = "undertow";
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;

    public ProxyConfig {
        pluginDirs = List.copyOf(pluginDirs);
        backends = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backends));
        blocks = Map.copyOf(blocks);
        token = token == null ? Optional.empty() : token;
        maxHeaderBytes = maxHeaderBytes <= 0 ? DEFAULT_MAX_HEADER_BYTES : maxHeaderBytes;
    }

    /** A config with the default header limit. */
    public ProxyConfig(Optional<Path> source, String defaultBackend, String host, int port, long maxBodyBytes,
                       String httpClient, List<Path> pluginDirs, Map<String, BackendEntry> backends,
                       Map<String, Map<String, Object>> blocks, Optional<String> token) {
        this(source, defaultBackend, host, port, maxBodyBytes, httpClient, pluginDirs, backends, blocks, token,
                DEFAULT_MAX_HEADER_BYTES);
    }

    /** The configuration used when there is no file: the Anthropic API on the default port. */
    public static ProxyConfig defaults() {
        return new ProxyConfig(Optional.empty(), DEFAULT_BACKEND, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_HTTP_CLIENT,
                List.of(), Map.of(DEFAULT_BACKEND, BackendEntry.implicit(DEFAULT_BACKEND)), Map.of(), Optional.empty());
    }

    /** A copy with another bind address and port. */
    public ProxyConfig withListener(String newHost, int newPort) {
        return new ProxyConfig(source, defaultBackend, newHost, newPort, maxBodyBytes, httpClient, pluginDirs, backends, blocks, token,
                maxHeaderBytes);
    }

    /** A copy with one more plugin folder. */
    public ProxyConfig withPluginDir(Path dir) {
        List<Path> dirs = new java.util.ArrayList<>(pluginDirs);
        dirs.add(dir);
        return new ProxyConfig(source, defaultBackend, host, port, maxBodyBytes, httpClient, dirs, backends, blocks, token,
                maxHeaderBytes);
    }

    /** A copy that requires this token on every API request. */
    public ProxyConfig withToken(String newToken) {
        return new ProxyConfig(source, defaultBackend, host, port, maxBodyBytes, httpClient, pluginDirs, backends, blocks,
                Optional.of(newToken), maxHeaderBytes);
    }

    /** A copy with another default backend; adds an implicit entry (type = name) when there is none. */
    public ProxyConfig withDefaultBackend(String name) {
        Map<String, BackendEntry> entries = new LinkedHashMap<>(backends);
        entries.putIfAbsent(name, BackendEntry.implicit(name));
        return new ProxyConfig(source, name, host, port, maxBodyBytes, httpClient, pluginDirs, entries, blocks, token,
                maxHeaderBytes);
    }
}
