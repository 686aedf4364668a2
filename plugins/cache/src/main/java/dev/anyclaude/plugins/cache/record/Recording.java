package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A recording on disk: one pretty JSON file per exchange ({@link ExchangeFile}), named so that names sort in
 * session order ({@code 0001-<model>.json}), and {@value #INDEX}, which lists them in order with their keys.
 * Files are written whole (a temporary file moved into place), so a reader never sees half of one.
 *
 * <p>Recording into a folder that holds a recording made before this process started replaces it (its index and
 * the files the index lists are deleted, nothing else), so re-recording a session and running {@code git diff}
 * shows what changed. A recording this process started (the proxy reloaded its config) is continued.
 *
 * <p>Thread-safe: exchanges of parallel requests may finish in any order; the index always lists them by number.
 */
final class Recording {
    static final String INDEX = "index.json";
    static final String FORMAT = "anyclaude.recording.v1";
    /** What {@link Exchange#fileName()} makes; anything else in an index is refused (it could name any file). */
    private static final java.util.regex.Pattern FILE_NAME = java.util.regex.Pattern.compile("\\d{4,}-[a-z0-9._-]+\\.json");

    private final Path dir;
    private final ObjectMapper mapper;
    private final ObjectWriter pretty;
    private final ExchangeFile files;
    private final TreeMap<Integer, ObjectNode> entries = new TreeMap<>();
    private boolean opened;

    Recording(Path dir, ObjectMapper mapper) {
        this.dir = dir;
        this.mapper = mapper;
        this.pretty = mapper.writerWithDefaultPrettyPrinter();
        this.files = new ExchangeFile(mapper);
    }

    Path dir() {
        return dir;
    }

    /**
     * The number the next exchange continues from (0 for a fresh recording); on the first call, replaces or
     * continues what the folder holds.
     */
    synchronized int open() {
        if (!opened) {
            opened = true;
            createDirectories();
            Path index = dir.resolve(INDEX);
            if (Files.exists(index)) {
                List<ObjectNode> previous = readIndex();
                if (writtenByThisProcess(index)) {
                    previous.forEach(entry -> entries.put(entry.path("exchange").asInt(), entry));
                } else {
                    for (ObjectNode entry : previous) {
                        delete(dir.resolve(entry.path("file").asText()));
                    }
                    delete(index);
                }
            }
        }
        return entries.isEmpty() ? 0 : entries.lastKey();
    }

    /** Writes the exchange's file and lists it in the index. */
    void write(Exchange exchange) {
        String name = exchange.fileName();
        writeAtomically(dir.resolve(name), files.write(exchange));
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("exchange", exchange.number());
        entry.put("file", name);
        entry.put("key", exchange.key());
        entry.put("backend", exchange.backend());
        entry.put("model", exchange.model());
        entry.put("stream", exchange.stream());
        entry.put("status", exchange.answer().status());
        entry.put("messages", exchange.body().path("messages").size());
        synchronized (this) {
            entries.put(exchange.number(), entry);
            ObjectNode index = JsonNodeFactory.instance.objectNode();
            index.put("format", FORMAT);
            ArrayNode list = index.putArray("exchanges");
            entries.values().forEach(list::add);
            writeAtomically(dir.resolve(INDEX), index);
        }
    }

    /**
     * Every exchange of the recording in {@code dir}, in session order.
     *
     * @throws IllegalArgumentException when there is no recording there, or a file is not one this class wrote
     */
    static List<Exchange> load(Path dir, ObjectMapper mapper) {
        Recording recording = new Recording(dir, mapper);
        if (!Files.isRegularFile(dir.resolve(INDEX))) {
            throw new IllegalArgumentException("dir: no recording in " + dir + " (" + INDEX + " is missing); "
                    + "make one with --record " + dir);
        }
        List<Exchange> exchanges = new ArrayList<>();
        for (ObjectNode entry : recording.readIndex()) {
            String file = entry.path("file").asText();
            Exchange exchange;
            try {
                exchange = recording.files.read(mapper.readTree(dir.resolve(file).toFile()));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("dir: " + dir.resolve(file) + " is not a recorded exchange: "
                        + e.getMessage(), e);
            }
            exchanges.add(exchange);
        }
        return exchanges;
    }

    private List<ObjectNode> readIndex() {
        Path index = dir.resolve(INDEX);
        JsonNode root;
        try {
            root = mapper.readTree(index.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("dir: " + index + " is not JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("dir: " + index + " is not an anyclaude recording (format is not "
                    + FORMAT + ")");
        }
        List<ObjectNode> list = new ArrayList<>();
        for (JsonNode entry : root.path("exchanges")) {
            String file = entry.path("file").asText();
            if (!(entry instanceof ObjectNode object) || !FILE_NAME.matcher(file).matches() || file.startsWith(".")) {
                throw new IllegalArgumentException("dir: " + index + " lists \"" + file + "\", which is not the name of a "
                        + "recorded exchange");
            }
            list.add(object);
        }
        return list;
    }

    private static boolean writtenByThisProcess(Path index) {
        try {
            long started = ManagementFactory.getRuntimeMXBean().getStartTime();
            return Files.getLastModifiedTime(index).toMillis() >= started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeAtomically(Path target, JsonNode tree) {
        try {
            // Not createTempFile, whose owner-only permissions would make a recording unreadable to a team's CI.
            Path temporary = dir.resolve(".writing-" + java.util.UUID.randomUUID() + ".json");
            Files.write(temporary, (pretty.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8),
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private void createDirectories() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recording folder " + dir, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
    }
}
