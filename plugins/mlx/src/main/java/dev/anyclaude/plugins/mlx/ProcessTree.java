package dev.anyclaude.plugins.mlx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process and every descendant: the tree is listed first (a child whose parent died is re-parented and
 * can no longer be found), each gets a polite {@code destroy()} (SIGTERM), and whatever is still alive after the
 * grace period gets {@code destroyForcibly()} (SIGKILL).
 */
public final class ProcessTree {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);

    private ProcessTree() {
    }

    /** Stops {@code root} and its descendants, waiting at most {@code grace} before killing, then for the kill. */
    public static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, grace)) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(p -> {
                LOG.warn("process {} did not stop within {} s; killing it", p.pid(), grace.toSeconds());
                p.destroyForcibly();
            });
            if (!awaitExit(tree, Duration.ofSeconds(5))) {
                LOG.warn("processes {} survive a kill", tree.stream().filter(ProcessHandle::isAlive)
                        .map(ProcessHandle::pid).toList());
            }
        }
    }

    private static boolean awaitExit(List<ProcessHandle> tree, Duration wait) {
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
