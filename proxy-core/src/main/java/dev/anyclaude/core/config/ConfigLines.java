package dev.anyclaude.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each field of a config file is: dotted path ({@code backends.gpu-box.type}, array items as {@code [i]}) to
 * its line, so an error can say {@code file:line: field: problem}. A field that is absent resolves to the nearest
 * enclosing one that is present.
 */
public final class ConfigLines {
    private final Map<String, Integer> lines;

    private ConfigLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** The index of a file; empty when it cannot be read or parsed. */
    public static ConfigLines of(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(Files.readAllBytes(file))) {
            if (parser.nextToken() != null) {
                walk(parser, "", lines);
            }
        } catch (IOException | RuntimeException e) {
            return new ConfigLines(Map.of());
        }
        return new ConfigLines(lines);
    }

    /** The line of the field, or of its nearest present ancestor. */
    public Optional<Integer> lineOf(String field) {
        String current = field;
        while (!current.isEmpty()) {
            Integer line = lines.get(current);
            if (line != null) {
                return Optional.of(line);
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            current = cut <= 0 ? "" : current.substring(0, cut);
        }
        return Optional.empty();
    }

    private static void walk(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                lines.putIfAbsent(child, parser.currentLocation().getLineNr());
                parser.nextToken();
                walk(parser, child, lines);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String child = path + "[" + index++ + "]";
                lines.putIfAbsent(child, parser.currentLocation().getLineNr());
                walk(parser, child, lines);
            }
        }
    }
}
