package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerStoreTest {
    @TempDir
    Path dir;

    private static CacheKey key(int n) {
        byte[] digest = new byte[32];
        digest[0] = (byte) n;
        digest[1] = (byte) (n >> 8);
        return CacheKey.of(digest);
    }

    private static StoredAnswer answer(String text) {
        return new StoredAnswer(StoredAnswer.Form.JSON, text.getBytes(StandardCharsets.UTF_8), 1L);
    }

    private static CacheConfig config(Long heapEntries, Long heapMb, long diskMb) {
        return new CacheConfig(heapEntries, heapMb, diskMb, null, null, null, null, null);
    }

    @Test
    void answersOnDiskOutliveARestart() {
        try (AnswerStore store = AnswerStore.open(config(10L, null, 16), dir, () -> { })) {
            assertThat(store.persistent()).isTrue();
            store.put(key(1), answer("{\"first\":1}"));
        }
        try (AnswerStore reopened = AnswerStore.open(config(10L, null, 16), dir, () -> { })) {
            assertThat(reopened.get(key(1))).isEqualTo(answer("{\"first\":1}"));
            assertThat(reopened.entries()).isEqualTo(1);
            assertThat(reopened.diskBytes()).isPositive();
        }
    }

    @Test
    void aHeapSizedInMegabytesKeepsAnswers() {
        try (AnswerStore store = AnswerStore.open(config(null, 1L, 0), dir, () -> { })) {
            store.put(key(1), answer("{\"a\":1}"));
            assertThat(store.get(key(1))).isEqualTo(answer("{\"a\":1}"));
            assertThat(store.persistent()).isFalse();
        }
    }

    @Test
    void aFullHeapEvictsAndCountsIt() {
        AtomicInteger evicted = new AtomicInteger();
        try (AnswerStore store = AnswerStore.open(config(2L, null, 0), dir, evicted::incrementAndGet)) {
            for (int i = 0; i < 50; i++) {
                store.put(key(i), answer("{\"n\":" + i + "}"));
            }
            assertThat(store.entries()).isLessThanOrEqualTo(2);
            org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(evicted.get()).isEqualTo(48));
        }
    }

    @Test
    void aCorruptDiskTierLeavesTheHeapServing() throws IOException {
        try (AnswerStore store = AnswerStore.open(config(10L, null, 16), dir, () -> { })) {
            store.put(key(1), answer("{\"first\":1}"));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] garbage = new byte[(int) Math.max(64, Files.size(file))];
            java.util.Arrays.fill(garbage, (byte) 0x5a);
            Files.write(file, garbage);
        }
        try (AnswerStore damaged = AnswerStore.open(config(10L, null, 16), dir, () -> { })) {
            assertThat(damaged.get(key(1))).isNull();
            damaged.put(key(2), answer("{\"second\":2}"));
            assertThat(damaged.get(key(2))).isEqualTo(answer("{\"second\":2}"));
        }
    }

    @Test
    void aFolderThatCannotBeCreatedLeavesTheHeapServing() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("cache"), "a file where the folder should be");
        try (AnswerStore store = AnswerStore.open(config(10L, null, 16), notAFolder, () -> { })) {
            assertThat(store.persistent()).isFalse();
            store.put(key(1), answer("{\"a\":1}"));
            assertThat(store.get(key(1))).isEqualTo(answer("{\"a\":1}"));
        }
    }

    @Test
    void aFolderInUseElsewhereLeavesTheHeapServing() {
        try (AnswerStore owner = AnswerStore.open(config(10L, null, 16), dir, () -> { });
             AnswerStore second = AnswerStore.open(config(10L, null, 16), dir, () -> { })) {
            assertThat(owner.persistent()).isTrue();
            assertThat(second.persistent()).isFalse();
            second.put(key(1), answer("{\"a\":1}"));
            assertThat(second.get(key(1))).isEqualTo(answer("{\"a\":1}"));
        }
    }
}
