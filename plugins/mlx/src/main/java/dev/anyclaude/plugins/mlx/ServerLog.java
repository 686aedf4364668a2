package dev.anyclaude.plugins.mlx;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The server's log file ({@code <logDir>/mlx-lm-server.log}): the child's stdout and stderr are appended to it;
 * before each launch a file over {@link #MAX_BYTES} is moved to {@code .1} (replacing the older one). Reads its
 * tail for error messages and progress. Thread-safe for these uses (appends and reads only).
 */
public final class ServerLog {
    /** The size above which the log is rotated at the next launch. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final int TAIL_BYTES = 16 * 1024;

    private final Path file;
    private final long maxBytes;

    public ServerLog(Path file) {
        this(file, MAX_BYTES);
    }

    ServerLog(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
    }

    public Path file() {
        return file;
    }

    /** Rotates when over the size, then appends a header line naming the launch. */
    public void beginLaunch(List<String> commandLine) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > maxBytes) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, "=== " + Instant.now() + " anyclaude starts: " + String.join(" ", commandLine)
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The last {@code lines} lines (progress bars' carriage returns count as line ends); empty if none. */
    public List<String> tail(int lines) {
        String text = tailText();
        List<String> all = Arrays.stream(text.split("[\r\n]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    /** The tail as text to put in a message, indented. */
    public String tailForMessage(int lines) {
        List<String> tail = tail(lines);
        return tail.isEmpty() ? "  (the log is empty)" : "  " + String.join(System.lineSeparator() + "  ", tail);
    }

    /** True when the tail shows the server failed to bind its port (it stays alive afterwards). */
    public boolean showsPortInUse() {
        String tail = tailText();
        return tail.contains("Address already in use") || tail.contains("[Errno 48]") || tail.contains("[Errno 98]");
    }

    private String tailText() {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int header = text.lastIndexOf("=== ");
            return header >= 0 ? text.substring(header) : text;
        } catch (IOException e) {
            // The tail only decorates messages; an unreadable log must not hide the error being reported.
            return "";
        }
    }
}
