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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
    public static final String FILE_NAME = ".anyclauderc.json";

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final ObjectMapper mapper;
    private final java.util.function.UnaryOperator<String> env;

    public ConfigLoader(ObjectMapper mapper) {
        this(mapper, System::getenv);
    }

    /** A loader that resolves {@code ${NAME}} references with {@code env} (the process environment by default). */
    public ConfigLoader(ObjectMapper mapper, java.util.function.UnaryOperator<String> env) {
        this.mapper = mapper;
        this.env = env;
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
            byte[] bytes = Files.readAllBytes(path);
            warnIfSecretsReadableByOthers(path, bytes);
            root = mapper.readTree(bytes);
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(path + ":" + at.getLineNr() + ": not valid JSON (column " + at.getColumnNr()
                    + "): " + e.getOriginalMessage());
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
        resolveReferences(root, "", path);
        String defaultBackend = fields.string(root, "backend", ProxyConfig.DEFAULT_BACKEND);

        JsonNode server = fields.object(root, "server");
        String host = fields.string(server, "server.host", ProxyConfig.DEFAULT_HOST);
        int port = fields.integer(server, "server.port", ProxyConfig.DEFAULT_PORT, 0, 65535);
        long maxBody = fields.integer(server, "server.maxBodyBytes", (int) Math.min(Integer.MAX_VALUE,
                ProxyConfig.DEFAULT_MAX_BODY_BYTES), 1024, Integer.MAX_VALUE);
        int maxHeader = fields.integer(server, "server.maxHeaderBytes", ProxyConfig.DEFAULT_MAX_HEADER_BYTES, 1024,
                16 * 1024 * 1024);
        warnUnknown(server, "server", List.of("host", "port", "maxBodyBytes", "maxHeaderBytes", "httpClient", "token"), path);
        String token = fields.string(server, "server.token", null);
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
                Map<String, Object> settings = asMap(entry.getValue());
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
                Map<String, Object> block = asMap(entry.getValue());
                blocks.put(entry.getKey(), block);
            }
        }
        return new ProxyConfig(Optional.of(path), defaultBackend, host, port, maxBody, httpClient, pluginDirs, backends, blocks,
                Optional.ofNullable(token), maxHeader);
    }

    /** A block as maps and lists, nulls kept (a null in extraBody removes a field upstream). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(JsonNode node) {
        try {
            return mapper.readerFor(Map.class).readValue(node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file with a literal key in it should be readable by its owner only. */
    private static void warnIfSecretsReadableByOthers(Path path, byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (!java.util.regex.Pattern.compile("\"(apiKey|token)\"\\s*:\\s*\"(?!\\$\\{)[^\"]+\"").matcher(text).find()) {
            return;
        }
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                LOG.warn("{} holds a key and other users can read it; run: chmod 600 {} (or use \"${{ENV_VAR}}\" references)",
                        path, path);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // No POSIX permissions here (Windows): nothing to check.
        }
    }

    private static void warnUnknown(JsonNode block, String name, List<String> known, Path path) {
        if (block == null) {
            return;
        }
        block.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                LOG.warn("{}: {}.{} is not a setting anyclaude knows (known: {}); ignored", path, name, key,
                        String.join(", ", known));
            }
        });
    }

    /**
     * Replaces {@code ${NAME}} in every string value with the environment variable, so secrets stay out of the
     * file ({@code "apiKey": "${OPENROUTER_API_KEY}"}).
     */
    private void resolveReferences(JsonNode node, String field, Path path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> entry = it.next();
                String child = field.isEmpty() ? entry.getKey() : field + "." + entry.getKey();
                if (entry.getValue().isTextual()) {
                    entry.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                            resolve(entry.getValue().asText(), child, path)));
                } else {
                    resolveReferences(entry.getValue(), child, path);
                }
            }
        } else if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode array = (com.fasterxml.jackson.databind.node.ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                String child = field + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, com.fasterxml.jackson.databind.node.TextNode.valueOf(resolve(array.get(i).asText(), child, path)));
                } else {
                    resolveReferences(array.get(i), child, path);
                }
            }
        }
    }

    private String resolve(String text, String field, Path path) {
        java.util.regex.Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = env.apply(matcher.group(1));
            if (value == null) {
                throw ConfigException.at(path, field, "environment variable " + matcher.group(1) + " is not set");
            }
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    /** Typed reads of optional fields, each failing with the file and the field's dotted path. */
    private record Fields(Path path) {
        ConfigException error(String field, String problem) {
            return ConfigException.at(path, field, problem);
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
