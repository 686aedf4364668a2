package dev.anyclaude.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads {@code .anyclauderc.json}: the file given with {@code --config}, else the one in the working
 * directory, else the one in the home directory, else the built-in defaults. Every error names the file and the
 * field; no value is ever echoed (it might be a key).
 */
public final class ConfigLoader {
    public static final String FILE_NAME = ".anyclauderc.json";

    private final ObjectMapper mapper;

    public ConfigLoader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The config file that applies, if any. */
    public static Optional<Path> locate(Optional<Path> explicit, Path workingDir, Path home) {
        if (explicit.isPresent()) {
            return explicit;
        }
        for (Path candidate : List.of(workingDir.resolve(FILE_NAME), home.resolve(FILE_NAME))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Loads the config that applies.
     *
     * @throws ConfigException when the file cannot be read, is not valid JSON, or a field has the wrong type
     */
    public ProxyConfig load(Optional<Path> explicit, Path workingDir, Path home) {
        Optional<Path> file = locate(explicit, workingDir, home);
        if (file.isEmpty()) {
            return ProxyConfig.defaults();
        }
        Path path = file.get();
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(path + ": no such config file");
        }
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(path));
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(path + ": not valid JSON at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(root, path);
    }

    /** Builds the config from a parsed file; {@code path} only labels errors. */
    public ProxyConfig parse(JsonNode root, Path path) {
        if (root == null || !root.isObject()) {
            throw new ConfigException(path + ": the top level must be a JSON object");
        }
        Fields fields = new Fields(path);
        String defaultBackend = fields.string(root, "backend", ProxyConfig.DEFAULT_BACKEND);

        JsonNode server = fields.object(root, "server");
        String host = fields.string(server, "server.host", ProxyConfig.DEFAULT_HOST);
        int port = fields.integer(server, "server.port", ProxyConfig.DEFAULT_PORT, 0, 65535);
        long maxBody = fields.integer(server, "server.maxBodyBytes", (int) Math.min(Integer.MAX_VALUE,
                ProxyConfig.DEFAULT_MAX_BODY_BYTES), 1024, Integer.MAX_VALUE);
        String httpClient = fields.string(server, "server.httpClient", ProxyConfig.DEFAULT_HTTP_CLIENT);
        if (!List.of("undertow", "jdk").contains(httpClient)) {
            throw fields.error("server.httpClient", "must be \"undertow\" or \"jdk\"");
        }

        List<Path> pluginDirs = new ArrayList<>();
        JsonNode plugins = fields.object(root, "plugins");
        JsonNode dirs = plugins == null ? null : plugins.get("dirs");
        if (dirs != null && !dirs.isNull()) {
            if (!dirs.isArray()) {
                throw fields.error("plugins.dirs", "must be an array of folder paths");
            }
            for (int i = 0; i < dirs.size(); i++) {
                if (!dirs.get(i).isTextual()) {
                    throw fields.error("plugins.dirs[" + i + "]", "must be a string");
                }
                pluginDirs.add(Path.of(dirs.get(i).asText()));
            }
        }

        Map<String, BackendEntry> backends = new LinkedHashMap<>();
        JsonNode backendsNode = fields.object(root, "backends");
        if (backendsNode != null) {
            Iterator<Map.Entry<String, JsonNode>> it = backendsNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                String where = "backends." + name;
                if (!entry.getValue().isObject()) {
                    throw fields.error(where, "must be an object");
                }
                String type = fields.string(entry.getValue(), where + ".type", name);
                boolean enabled = fields.bool(entry.getValue(), where + ".enabled", true);
                @SuppressWarnings("unchecked")
                Map<String, Object> settings = mapper.convertValue(entry.getValue(), Map.class);
                backends.put(name, new BackendEntry(name, type, enabled, settings));
            }
        }
        backends.putIfAbsent(defaultBackend, BackendEntry.implicit(defaultBackend));
        if (!backends.get(defaultBackend).enabled()) {
            throw fields.error("backend", "names backend '" + defaultBackend + "', which is disabled");
        }

        Map<String, Map<String, Object>> blocks = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> top = ((ObjectNode) root).fields();
        while (top.hasNext()) {
            Map.Entry<String, JsonNode> entry = top.next();
            if (List.of("backend", "backends", "server", "plugins").contains(entry.getKey())) {
                continue;
            }
            if (entry.getValue().isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> block = mapper.convertValue(entry.getValue(), Map.class);
                blocks.put(entry.getKey(), block);
            }
        }
        return new ProxyConfig(Optional.of(path), defaultBackend, host, port, maxBody, httpClient, pluginDirs, backends, blocks,
                Optional.empty());
    }

    /** Typed reads of optional fields, each failing with the file and the field's dotted path. */
    private record Fields(Path path) {
        ConfigException error(String field, String problem) {
            return new ConfigException(path + ": " + field + ": " + problem);
        }

        JsonNode object(JsonNode parent, String field) {
            JsonNode node = parent == null ? null : parent.get(leaf(field));
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                throw error(field, "must be an object");
            }
            return node;
        }

        String string(JsonNode parent, String field, String fallback) {
            JsonNode node = parent == null ? null : parent.get(leaf(field));
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return node.asText();
        }

        int integer(JsonNode parent, String field, int fallback, int min, int max) {
            JsonNode node = parent == null ? null : parent.get(leaf(field));
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
                throw error(field, "must be an integer from " + min + " to " + max);
            }
            return node.asInt();
        }

        boolean bool(JsonNode parent, String field, boolean fallback) {
            JsonNode node = parent == null ? null : parent.get(leaf(field));
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isBoolean()) {
                throw error(field, "must be true or false");
            }
            return node.asBoolean();
        }

        private static String leaf(String dotted) {
            return dotted.substring(dotted.lastIndexOf('.') + 1);
        }
    }
}
