package dev.anyclaude.plugins.openai.translate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tool names of one request as the upstream sees them, and the way back. OpenAI-style servers accept names
 * of {@code [A-Za-z0-9_-]} up to 64 characters; MCP tools are often longer. A name that does not fit becomes
 * its first {@code limit - 9} characters (invalid ones replaced by {@code _}), {@code _} and the first 8 hex
 * digits of the SHA-256 of the whole name (LiteLLM's scheme), so the same name always maps to the same short
 * name, across turns too. An empty name becomes {@link #PLACEHOLDER} (Mistral on vLLM rejects empty names).
 *
 * <p>Immutable and thread-safe.
 */
public final class ToolNames {
    /** The name sent for a tool whose name is empty. */
    public static final String PLACEHOLDER = "unnamed_tool";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int HASH_SUFFIX = 9;

    private final int limit;
    private final Map<String, String> toClient;

    private ToolNames(int limit, Map<String, String> toClient) {
        this.limit = limit;
        this.toClient = Map.copyOf(toClient);
    }

    /**
     * The mapping for these client names.
     *
     * @param names every tool name of the request (definitions, history, tool_choice); nulls are skipped
     * @param limit the longest name the server accepts, at least {@link TranslationOptions#MIN_TOOL_NAME_LIMIT}
     */
    public static ToolNames of(Collection<String> names, int limit) {
        Map<String, String> toClient = new LinkedHashMap<>();
        for (String name : names) {
            if (name != null) {
                String upstream = shorten(name, limit);
                if (!upstream.equals(name)) {
                    toClient.putIfAbsent(upstream, name);
                }
            }
        }
        return new ToolNames(limit, toClient);
    }

    /** A mapping that changes nothing: no name was shortened. */
    public static ToolNames identity() {
        return new ToolNames(Integer.MAX_VALUE, Map.of());
    }

    /** The name to send upstream for a client tool name. */
    public String upstream(String clientName) {
        return shorten(clientName == null ? "" : clientName, limit);
    }

    /** The client's name for a name the upstream used; a name this request never shortened is returned as is. */
    public String client(String upstreamName) {
        return toClient.getOrDefault(upstreamName, upstreamName);
    }

    /** True when at least one name was changed. */
    public boolean shortensAny() {
        return !toClient.isEmpty();
    }

    static String shorten(String name, int limit) {
        if (name.isEmpty()) {
            return PLACEHOLDER;
        }
        if (name.length() <= limit && VALID.matcher(name).matches()) {
            return name;
        }
        String safe = name.replaceAll("[^A-Za-z0-9_-]", "_");
        String prefix = safe.substring(0, Math.min(safe.length(), limit - HASH_SUFFIX));
        return prefix + "_" + hash(name);
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
