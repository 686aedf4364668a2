package dev.anyclaude.api;

import dev.anyclaude.api.http.UpstreamClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the proxy hands a plugin when it creates a backend or a middleware: its own config block, folders for
 * its data and logs, the shared upstream HTTP client, the JSON codec and a metrics registry.
 *
 * <pre>{@code
 * record GpuBoxConfig(String baseUrl, String apiKey) {}
 * GpuBoxConfig config = context.config(GpuBoxConfig.class);
 * }</pre>
 */
public interface PluginContext {

    /** The name of the config entry this instance serves (for example {@code "gpu-box"}). */
    String name();

    /** The entry's config block as read (maps, lists, strings, numbers, booleans); unmodifiable. */
    Map<String, Object> rawConfig();

    /**
     * The entry's config block bound to this record or class; unknown keys are ignored.
     *
     * @throws IllegalArgumentException naming the field when a value has the wrong type
     */
    <T> T config(Class<T> type);

    /** A folder this instance may write to ({@code ~/.anyclaude/data/<name>}); created on first use. */
    Path dataDir();

    /** The folder for log files ({@code ~/.anyclaude/logs}). */
    Path logDir();

    /** The HTTP client shared by all plugins, chosen for latency. */
    UpstreamClient http();

    /** The proxy's JSON codec for the protocol records. */
    JsonCodec json();

    /** Where to register metrics. */
    Metrics metrics();
}
