package dev.anyclaude.core.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * anyclaude's logging, set up in code (found by logback through {@code META-INF/services}): warnings on the console,
 * one line per request and everything at INFO in {@code ~/.anyclaude/logs/anyclaude.log} ({@link BufferedLogFile}:
 * buffered, warnings at once, the rest within a second), rotated daily and at 10 MB, 7 days and 100 MB kept.
 * Parsing the same setup from a {@code logback.xml} loaded an XML parser and logback's Joran (about 650 classes) on
 * every start (docs/benchmarks.md "Start-up").
 *
 * <p>System properties: {@code anyclaude.logs} (folder), {@code anyclaude.log.level} (root, INFO),
 * {@code anyclaude.console.level} (WARN), {@code anyclaude.bodies.level} (request bodies, OFF; {@code --debug} sets
 * DEBUG). A {@code logback.configurationFile} or a {@code logback-test.xml} on the class path (the tests') wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** Loggers quieter than the root: chatty libraries, and the cache's clustered client (see below). */
    private static final Map<String, Level> LEVELS = Map.ofEntries(
            Map.entry("org.xnio", Level.WARN),
            Map.entry("io.undertow", Level.WARN),
            Map.entry("org.pf4j", Level.WARN),
            Map.entry("org.ehcache", Level.WARN),
            // These log "Initialize failed." at ERROR when a cache folder cannot be opened or a clustered tier's
            // server cannot be reached, and each connection attempt as a stack trace; the cache plugin says why
            // itself, in one line (AnswerStore, ClusterTier).
            Map.entry("org.ehcache.core.StatusTransitioner", Level.OFF),
            Map.entry("org.ehcache.clustered.client.internal.service.ConnectionState", Level.OFF),
            Map.entry("org.ehcache.clustered.client.internal.ClusterTierManagerClientEntityFactory", Level.OFF),
            Map.entry("com.tc", Level.OFF),
            Map.entry("com.terracotta", Level.OFF),
            Map.entry("org.terracotta", Level.ERROR));

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, System::getProperty);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} with the system properties {@code property} gives (null when unset). */
    static void apply(LoggerContext context, UnaryOperator<String> property) {
        String logs = property.apply("anyclaude.logs");
        Path dir = logs != null ? Path.of(logs) : Path.of(property.apply("user.home"), ".anyclaude", "logs");

        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(Objects.requireNonNullElse(property.apply("anyclaude.console.level"), "WARN"));
        threshold.setContext(context);
        threshold.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName("STDERR");
        console.setContext(context);
        console.setTarget("System.err");
        console.addFilter(threshold);
        console.setEncoder(encoder(context, "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n"));
        console.start();

        RollingFileAppender<ILoggingEvent> file = new BufferedLogFile();
        file.setName("FILE");
        file.setContext(context);
        file.setFile(dir.resolve("anyclaude.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("anyclaude.%d{yyyy-MM-dd}.%i.log").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(7);
        rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        // %isoTime writes what %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} would, formatting only once a second
        registerConverter(context, IsoTimestampConverter.WORD, IsoTimestampConverter::new);
        file.setEncoder(encoder(context, "%" + IsoTimestampConverter.WORD + " %-5level %logger{0} - %msg%n"));
        file.start();

        context.getLogger("anyclaude.bodies").setLevel(Level.toLevel(property.apply("anyclaude.bodies.level"), Level.OFF));
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(property.apply("anyclaude.log.level"), Level.INFO));
        root.addAppender(console);
        root.addAppender(file);
    }

    /** Makes {@code %word} known to the context's pattern layouts. */
    @SuppressWarnings("unchecked")
    private static void registerConverter(LoggerContext context, String word, Supplier<DynamicConverter<?>> converter) {
        Object registry = context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        Map<String, Supplier<DynamicConverter<?>>> rules = registry instanceof Map<?, ?> existing
                ? (Map<String, Supplier<DynamicConverter<?>>>) existing : new HashMap<>();
        rules.put(word, converter);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
