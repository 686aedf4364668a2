package dev.anyclaude.core.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A config that cannot be used. The message reads {@code file:line: field: problem} when the file and field are
 * known, else {@code field: problem}; a value is never echoed (it might be a key).
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error about {@code field} of {@code file}, with the field's line when it can be found. */
    public static ConfigException at(Path file, String field, String problem) {
        return new ConfigException(locate(file, field) + field + ": " + problem);
    }

    /**
     * This error placed in {@code file} when it names a field but no file yet (errors found after loading, such as
     * an unknown backend type).
     */
    public ConfigException in(Optional<Path> file) {
        String message = getMessage();
        int colon = message.indexOf(": ");
        if (file.isEmpty() || colon <= 0 || message.startsWith(file.get().toString())) {
            return this;
        }
        String field = message.substring(0, colon);
        if (field.contains(" ")) {
            return this;
        }
        return new ConfigException(locate(file.get(), field) + message, this);
    }

    private static String locate(Path file, String field) {
        return file + ConfigLines.of(file).lineOf(field).map(line -> ":" + line).orElse("") + ": ";
    }
}
