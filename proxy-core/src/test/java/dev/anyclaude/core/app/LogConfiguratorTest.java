package dev.anyclaude.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LogConfiguratorTest {
    @TempDir
    Path home;

    private LoggerContext configured(Map<String, String> properties) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfigurator.apply(context, properties::get);
        return context;
    }

    @Test
    void infoGoesToTheLogFileInTheUsersFolderWithTimestampLevelAndLogger() throws Exception {
        LoggerContext context = configured(Map.of("user.home", home.toString()));
        Logger log = context.getLogger("dev.anyclaude.core.server.RequestLog");

        log.info("req_1 /v1/messages status=200");
        log.debug("not at INFO");
        context.getLogger("org.xnio.nio").info("library chatter");
        context.getLogger("anyclaude.bodies").debug("a body");
        context.stop();

        String file = Files.readString(home.resolve(".anyclaude/logs/anyclaude.log"));
        assertThat(file).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  RequestLog - req_1 /v1/messages status=200")
                .doesNotContain("not at INFO").doesNotContain("library chatter").doesNotContain("a body");
    }

    @Test
    void theConsoleShowsWarningsOnlyAndPropertiesChangeLevelsAndFolder() throws Exception {
        Path logs = home.resolve("elsewhere");
        LoggerContext context = configured(Map.of("user.home", home.toString(), "anyclaude.logs", logs.toString(),
                "anyclaude.bodies.level", "DEBUG", "anyclaude.log.level", "DEBUG"));

        context.getLogger("anyclaude.bodies").debug("a redacted body");
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
        var console = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(console.getCopyOfAttachedFiltersList()).singleElement().isInstanceOf(ThresholdFilter.class);
        assertThat(context.getLogger("org.ehcache.core.StatusTransitioner").getLevel()).isEqualTo(Level.OFF);
        context.stop();

        assertThat(Files.readString(logs.resolve("anyclaude.log"))).contains("DEBUG bodies - a redacted body");
    }

    @Test
    void aTestsOwnLogbackXmlWins() {
        // This module's tests have a logback-test.xml on the class path.
        assertThat(new LogConfigurator().configure(new LoggerContext())).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    @Test
    void aWarningIsWrittenAtOnceWithTheLinesBeforeItAndOtherLinesWithinASecond() throws Exception {
        LoggerContext context = configured(Map.of("user.home", home.toString()));
        Path file = home.resolve(".anyclaude/logs/anyclaude.log");
        Logger log = context.getLogger("anyclaude.requests");

        log.info("req_1 /v1/messages status=200");
        context.getLogger("dev.anyclaude.core.server.ProxyHandlers").warn("something to see now");
        assertThat(Files.readString(file)).contains("req_1 /v1/messages").contains("something to see now");

        log.info("req_2 /v1/messages status=200");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> Files.readString(file).contains("req_2 /v1/messages"));
        context.stop();
    }

    @Test
    void whatIsStillBufferedIsWrittenWhenLoggingStops() throws Exception {
        LoggerContext context = configured(Map.of("user.home", home.toString()));
        for (int i = 0; i < 100; i++) {
            context.getLogger("anyclaude.requests").info("req_{} /v1/messages status=200", i);
        }
        context.stop();

        assertThat(Files.readAllLines(home.resolve(".anyclaude/logs/anyclaude.log"))).hasSize(100);
    }
}
