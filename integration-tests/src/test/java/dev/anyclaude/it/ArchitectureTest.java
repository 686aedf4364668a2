package dev.anyclaude.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of ARCHITECTURE.md, checked on the compiled classes and the built plugin JARs. */
class ArchitectureTest {
    private static JavaClasses api;
    private static JavaClasses core;
    private static JavaClasses plugins;

    @BeforeAll
    static void importClasses() throws IOException {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        api = importer.importPackages("dev.anyclaude.api");
        core = importer.importPackages("dev.anyclaude.core");
        List<Location> jars;
        try (Stream<Path> files = Files.list(TestPlugins.folder())) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).map(p -> Location.of(p.toUri())).toList();
        }
        // Only our own classes: a plugin JAR may bundle (shade) its private libraries, which the rules do not cover
        // and which would take most of the import time (the cache plugin carries Ehcache's ~1,300 classes).
        plugins = importer.withImportOption(location -> location.contains("/dev/anyclaude/")).importLocations(jars);
    }

    @Test
    void everyPartWasImported() {
        assertThat(api).isNotEmpty();
        assertThat(core).isNotEmpty();
        assertThat(plugins.stream().anyMatch(c -> c.getPackageName().startsWith("dev.anyclaude.plugins"))).isTrue();
    }

    @Test
    void pluginApiDependsOnNothingOfOursAndOnlyOnJacksonAnnotationsAndThePf4jMarker() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.anyclaude.api..", "com.fasterxml.jackson.annotation..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.pf4j.ExtensionPoint")
                .check(api);
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.anyclaude.core..", "dev.anyclaude.plugins..", "com.fasterxml.jackson.databind..",
                        "io.undertow..")
                .check(api);
    }

    @Test
    void proxyCoreNeverDependsOnAPlugin() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.anyclaude.plugins..").check(core);
    }

    @Test
    void pluginsNeverDependOnProxyCore() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.anyclaude.core..").check(plugins);
    }
}
