package dev.anyclaude.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code docs/anyclauderc.schema.json} as the Markdown page {@code docs/configuration-reference.md}: one
 * table per part of the file (top level, server, backends and each backend type, router, ...), one row per key
 * (nested objects flattened into dotted keys) with its type, default and description.
 */
final class ConfigReference {
    private final JsonNode schema;
    private final StringBuilder out = new StringBuilder();

    private ConfigReference(JsonNode schema) {
        this.schema = schema;
    }

    static String render(Path schemaFile) throws IOException {
        return new ConfigReference(new ObjectMapper().readTree(Files.readAllBytes(schemaFile))).page();
    }

    private String page() {
        out.append("# Configuration reference\n\n")
                .append("<!-- Generated from anyclauderc.schema.json by integration-tests/.../ConfigReference.java; do not edit.\n")
                .append("     ConfigReferenceTest fails when this page is stale; regenerate with\n")
                .append("     ./mvnw -B verify -pl integration-tests -am -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Danyclaude.docs.write=true -->\n\n")
                .append(schema.path("description").asText()).append("\n\n")
                .append("Every key, from [the JSON Schema](anyclauderc.schema.json). The guide with examples is ")
                .append("[configuration.md](configuration.md).\n\n");
        List<String[]> top = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> sections = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode resolved = resolve(property.getValue());
            if (resolved.has("properties") || resolved.has("additionalProperties") && resolved.path("additionalProperties").isObject()) {
                sections.add(property);
                top.add(new String[]{"`" + property.getKey() + "`", "object", "", describe(property.getValue(), resolved)
                        + " See [" + property.getKey() + "](#" + property.getKey().toLowerCase(java.util.Locale.ROOT) + ")."});
            } else {
                top.add(row(property.getKey(), property.getValue()));
            }
        }
        if (schema.path("additionalProperties").isObject()) {
            top.add(new String[]{"any other key", type(schema.path("additionalProperties")), "",
                    schema.path("additionalProperties").path("description").asText()});
        }
        out.append("## Top level\n\n");
        table(top);
        for (Map.Entry<String, JsonNode> section : sections) {
            section(section.getKey(), section.getValue());
        }
        return out.toString();
    }

    private void section(String name, JsonNode node) {
        JsonNode resolved = resolve(node);
        out.append("## ").append(name).append("\n\n");
        String description = describe(node, resolved);
        if (!description.isEmpty()) {
            out.append(description).append("\n\n");
        }
        List<String[]> rows = new ArrayList<>();
        if (resolved.has("properties")) {
            flatten(name, resolved, rows);
            table(rows);
        }
        JsonNode entries = resolved.path("additionalProperties");
        if (entries.isObject() && !resolved.has("properties")) {
            JsonNode entry = resolve(entries);
            String prefix = name + ".<name>";
            flatten(prefix, entry, rows);
            out.append("Every entry:\n\n");
            table(rows);
            for (JsonNode variant : entry.path("allOf")) {
                JsonNode when = variant.path("if").path("properties");
                String condition = conditionText(when);
                List<String[]> variantRows = new ArrayList<>();
                flatten(prefix, variant.path("then"), variantRows);
                out.append("### ").append(name).append(" with ").append(condition).append("\n\n");
                JsonNode required = variant.path("then").path("required");
                if (required.isArray() && !required.isEmpty()) {
                    List<String> names = new ArrayList<>();
                    required.forEach(r -> names.add("`" + r.asText() + "`"));
                    out.append("Required: ").append(String.join(", ", names)).append(".\n\n");
                }
                table(variantRows);
            }
        }
    }

    private static String conditionText(JsonNode when) {
        List<String> parts = new ArrayList<>();
        when.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (value.has("const")) {
                parts.add("`\"" + e.getKey() + "\": \"" + value.path("const").asText() + "\"`");
            } else if (value.has("enum")) {
                List<String> options = new ArrayList<>();
                value.path("enum").forEach(o -> options.add("`\"" + o.asText() + "\"`"));
                parts.add("`" + e.getKey() + "` " + String.join(" or ", options));
            }
        });
        return String.join(", ", parts);
    }

    private void flatten(String prefix, JsonNode object, List<String[]> rows) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String key = prefix + "." + property.getKey();
            JsonNode resolved = resolve(property.getValue());
            if (resolved.has("properties")) {
                rows.add(new String[]{"`" + key + "`", "object", "", describe(property.getValue(), resolved)});
                flatten(key, resolved, rows);
            } else {
                rows.add(row(key, property.getValue()));
            }
        }
    }

    private String[] row(String key, JsonNode node) {
        JsonNode resolved = resolve(node);
        String defaultValue = resolved.has("default") ? "`" + resolved.path("default").toString() + "`" : "";
        return new String[]{"`" + key + "`", type(node), defaultValue, describe(node, resolved)};
    }

    private String type(JsonNode node) {
        if (node.has("$ref")) {
            JsonNode target = resolve(node);
            return target.has("type") ? type(target) : "see " + node.path("$ref").asText();
        }
        if (node.has("enum")) {
            List<String> options = new ArrayList<>();
            node.path("enum").forEach(o -> options.add("`" + o.toString().replace("\"", "") + "`"));
            return String.join(" \\| ", options);
        }
        if (node.has("const")) {
            return "`" + node.path("const").asText() + "`";
        }
        if (node.has("oneOf")) {
            List<String> alternatives = new ArrayList<>();
            node.path("oneOf").forEach(alternative -> alternatives.add(alternative.has("$ref")
                    ? "object (" + String.join(", ", fieldNames(resolve(alternative))) + ")" : type(alternative)));
            return String.join(" or ", alternatives);
        }
        if (node.path("type").isArray()) {
            List<String> types = new ArrayList<>();
            node.path("type").forEach(t -> types.add(t.asText().equals("array") ? "array of " + type(node.path("items")) : t.asText()));
            return String.join(" or ", types);
        }
        String type = node.path("type").asText("any");
        if (type.equals("array")) {
            return "array of " + type(node.path("items"));
        }
        if (type.equals("object") && node.path("additionalProperties").isObject()
                && node.path("additionalProperties").has("type")) {
            return "object of " + type(node.path("additionalProperties"));
        }
        List<String> limits = new ArrayList<>();
        if (node.has("minimum")) {
            limits.add("≥ " + node.path("minimum").asText());
        }
        if (node.has("maximum")) {
            limits.add("≤ " + node.path("maximum").asText());
        }
        if (node.has("minLength")) {
            limits.add("not empty");
        }
        if (node.has("pattern")) {
            limits.add("pattern `" + node.path("pattern").asText() + "`");
        }
        if (node.has("format")) {
            limits.add(node.path("format").asText());
        }
        return limits.isEmpty() ? type : type + " (" + String.join(", ", limits) + ")";
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.path("properties").fieldNames().forEachRemaining(name -> names.add("`" + name + "`"));
        return names;
    }

    private static String describe(JsonNode node, JsonNode resolved) {
        String own = node.path("description").asText("");
        return own.isEmpty() ? resolved.path("description").asText("") : own;
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        JsonNode target = schema;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private void table(List<String[]> rows) {
        out.append("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" | ")
                    .append(row[3].replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")).append(" |\n");
        }
        out.append('\n');
    }
}
