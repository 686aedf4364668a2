package dev.anyclaude.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    @TempDir
    Path dir;

    @Test
    void writingTheFileInPlaceOrReplacingItCallsBack() throws Exception {
        Path file = Files.writeString(dir.resolve(".anyclauderc.json"), "{}");
        Semaphore changes = new Semaphore(0);
        try (ConfigWatcher watcher = ConfigWatcher.watch(file, changes::release)) {
            Files.writeString(file, "{\"backend\":\"a\"}");
            assertThat(changes.tryAcquire(20, TimeUnit.SECONDS)).as("in-place write seen").isTrue();

            Path edited = Files.writeString(dir.resolve(".anyclauderc.json.swp"), "{\"backend\":\"b\"}");
            Files.move(edited, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(changes.tryAcquire(20, TimeUnit.SECONDS)).as("editor-style replace seen").isTrue();
        }
    }

    @Test
    void otherFilesInTheFolderAreIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve(".anyclauderc.json"), "{}");
        Semaphore changes = new Semaphore(0);
        try (ConfigWatcher watcher = ConfigWatcher.watch(file, changes::release)) {
            Files.writeString(dir.resolve("notes.txt"), "unrelated");
            Files.writeString(file, "{\"backend\":\"a\"}");
            assertThat(changes.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
            assertThat(changes.tryAcquire(1, TimeUnit.SECONDS)).as("one callback for one burst").isFalse();
        }
    }
}
