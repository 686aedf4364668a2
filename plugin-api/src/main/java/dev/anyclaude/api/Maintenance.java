package dev.anyclaude.api;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Housekeeping a plugin offers on the command line, run in its own process without a proxy:
 * {@code anyclaude <name> <action>}, for example {@code anyclaude cache stats} or {@code anyclaude cache clear}.
 * A plugin contributes it by implementing this interface in a class annotated with PF4J's {@code @Extension}; the
 * proxy's command line knows the command names it offers and finds the extension by {@link #name()}.
 *
 * <pre>{@code
 * @Extension
 * public final class CacheMaintenance implements Maintenance {
 *     public String name() { return "cache"; }
 *     public Map<String, Object> run(String action, PluginContext context) {
 *         return Map.of("answers", store(context).size());
 *     }
 * }
 * }</pre>
 */
public interface Maintenance extends ExtensionPoint {

    /** The command's name, also the key of the config block it reads (for example {@code "cache"}). */
    String name();

    /**
     * Runs one action.
     *
     * @param action  what the user asked for (for example {@code "stats"})
     * @param context the top-level config block named {@link #name()} (empty when absent) and the plugin's folders
     * @return what to tell the user, in order: a label and its value per line; never null
     * @throws IllegalArgumentException for an action this plugin does not offer (the message lists those it does)
     * @throws IllegalStateException    when the action cannot be done now; the message says why and what to do
     *                                  (for example: a running proxy holds the files)
     */
    Map<String, Object> run(String action, PluginContext context);
}
