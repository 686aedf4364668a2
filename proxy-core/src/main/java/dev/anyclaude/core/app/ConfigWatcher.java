package dev.anyclaude.core.app;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when the config file changes (written in place, or replaced by an editor's rename), once per burst of
 * changes. Watches the file's folder, since editors often replace the file rather than write it.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    /** Changes closer together than this are one edit (an editor writes, renames, touches). */
    private static final long QUIET_MILLIS = 200;

    private final Path file;
    private final Runnable onChange;
    private final WatchService watcher;
    private final Thread thread;

    private ConfigWatcher(Path file, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = Thread.ofPlatform().daemon().name("anyclaude-config-watch").unstarted(this::run);
    }

    /** Starts watching {@code file}; {@code onChange} runs on the watcher's thread. */
    public static ConfigWatcher watch(Path file, Runnable onChange) throws IOException {
        ConfigWatcher watcher = new ConfigWatcher(file, onChange);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = concernsFile(key);
                // Let the burst of events of one save settle, then react once.
                WatchKey more;
                while ((more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    ours |= concernsFile(more);
                }
                if (ours) {
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        LOG.warn("config: reloading {} failed: {}", file, e.getMessage());
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: the proxy is stopping.
        }
    }

    private boolean concernsFile(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name && name.equals(file.getFileName())) {
                ours = true;
            } else if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                ours = true;
            }
        }
        key.reset();
        return ours;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("config watcher did not close cleanly", e);
        }
        thread.interrupt();
    }
}
