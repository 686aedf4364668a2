package dev.anyclaude.core.app;

import java.lang.management.ManagementFactory;

/**
 * Start-up work that nothing waits for yet, begun on a daemon thread while the main thread reads the config and
 * loads the plugins, so a second core does it in parallel (docs/benchmarks.md "Start-up").
 *
 * <p>The JVM's platform MBean server: XNIO registers its providers and workers there when the listener and the
 * upstream client are made, and making it (every platform MXBean, and the diagnostic commands' descriptions, which
 * load JFR's command classes and parse its configurations) takes 100-300 ms, the largest single step of a start.
 * Whichever thread comes second waits for the first to finish it.
 */
public final class StartUpWork {
    private StartUpWork() {
    }

    /** Starts the work; call once, before a proxy is started. */
    public static void begin() {
        Thread.ofPlatform().name("anyclaude-start-up").daemon().start(ManagementFactory::getPlatformMBeanServer);
    }
}
