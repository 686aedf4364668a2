package dev.anyclaude.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * The backend extension point: a plugin contributes a backend type by implementing this interface in a class
 * annotated with PF4J's {@code @Extension}. The proxy makes one {@link Backend} per config entry whose
 * {@code "type"} (default: the entry's own key) is {@link #type()} or one of {@link #aliases()}.
 *
 * <pre>{@code
 * @Extension
 * public final class GpuBoxBackendFactory implements BackendFactory {
 *     public String type() { return "gpu-box"; }
 *     public Backend create(PluginContext context) { return new GpuBoxBackend(context); }
 * }
 * }</pre>
 */
public interface BackendFactory extends ExtensionPoint {

    /** The type name users write in config, lowercase (for example {@code "anthropic"}). */
    String type();

    /** Other names for the same type (for example {@code "claude"}). The default is none. */
    default Set<String> aliases() {
        return Set.of();
    }

    /**
     * Creates the backend for one config entry. Must not do I/O: sockets, files and processes open in
     * {@link Backend#start()}.
     *
     * @throws IllegalArgumentException naming the field when the config block is invalid
     */
    Backend create(PluginContext context);
}
