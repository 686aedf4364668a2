package dev.anyclaude.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM that logs and exits: nothing buffered is lost, not even what another shutdown hook logs. */
class BufferedLogFileExitTest {
    @TempDir
    Path home;

    @Test
    void linesLoggedBeforeAndWhileTheJvmExitsAreInTheFile() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitingProgram.class.getName(), home.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(Files.readString(home.resolve(".anyclaude/logs/anyclaude.log")))
                .contains("req_1 before the exit").contains("req_2 from another shutdown hook");
    }

    /** Logs a line, then exits; a shutdown hook of its own logs another a little later, as the proxy's drain does. */
    public static final class ExitingProgram {
        public static void main(String[] args) {
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new LogbackMDCAdapter());
            LogConfigurator.apply(context, Map.of("user.home", args[0])::get);
            org.slf4j.Logger log = context.getLogger("anyclaude.requests");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                log.info("req_2 from another shutdown hook");
            }));
            log.info("req_1 before the exit");
            System.exit(0);
        }
    }
}
