package dev.anyclaude.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @Test
    void replacesOnlyTheTextBetweenTheMarkers(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n\nintro\n\n" + MarkdownReport.START + "\nold figures\n"
                + MarkdownReport.END + "\n\n## History\n\nkept\n");
        Results results = new Results();
        results.header = "Run of today.";
        results.latency.add(new Results.LatencyRow("passthrough-json", Target.ANYCLAUDE, 50, 70, 140, 100, 200, 50, 60));

        MarkdownReport.replaceSection(page, MarkdownReport.section(results));

        String text = Files.readString(page);
        assertThat(text).startsWith("# Benchmarks\n\nintro\n\n" + MarkdownReport.START)
                .endsWith(MarkdownReport.END + "\n\n## History\n\nkept\n")
                .contains("Run of today.", "| passthrough-json | anyclaude | 50 | 70 | 140 |", "| yes |")
                .doesNotContain("old figures");
    }

    @Test
    void givesEachPlacementItsOwnTableTheFirstOneMain() {
        Results results = new Results();
        results.placement = CpuPlacement.ONE_CORE;
        results.otherPlacement = CpuPlacement.FREE;
        results.latency.add(new Results.LatencyRow("passthrough-json", Target.ANYCLAUDE, 50, 70, 140, 100, 200, 50, 60));
        results.latencyOtherPlacement.add(new Results.LatencyRow("passthrough-json", Target.ANYCLAUDE, 90, 120, 300, 160,
                400, 70, 100));

        String section = MarkdownReport.section(results);

        assertThat(section).contains("### Added latency at concurrency 1, one core (µs",
                "### Added latency at concurrency 1, free to use every core (µs");
        assertThat(section.indexOf("| 50 | 70 | 140 |")).isLessThan(section.indexOf("free to use every core"));
        assertThat(section.indexOf("| 90 | 120 | 300 |")).isGreaterThan(section.indexOf("free to use every core"));
        assertThat(section).contains("| 90 | 120 | 300 | 160 / 400 | 70 / 100 | <= 60 / 150 | no |");
    }

    @Test
    void putsTheLanesAsDeployedInATableOfTheirOwnAfterThePlacements() {
        Results results = new Results();
        results.latency.add(new Results.LatencyRow("openai-json", Target.ANYCLAUDE, 20, 25, 70, 35, 90, 13, 20));
        results.latencyDeployed.add(new Results.LatencyRow("openai-json", Target.ANYCLAUDE, 95, 110, 260, 108, 350, 13,
                90));

        String section = MarkdownReport.section(results);

        assertThat(section).contains("### Added latency at concurrency 1, as deployed (µs");
        assertThat(section.indexOf("| 95 | 110 | 260 | 108 / 350 | 13 / 90 | <= 100 / 250 | no |"))
                .isGreaterThan(section.indexOf("as deployed"));
        assertThat(section.indexOf("| 20 | 25 | 70 |")).isLessThan(section.indexOf("as deployed"));
    }

    @Test
    void appendsTheSectionToAPageWithoutMarkers(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n");
        Results results = new Results();
        results.header = "Run of today.";

        MarkdownReport.replaceSection(page, MarkdownReport.section(results));

        assertThat(Files.readString(page)).startsWith("# Benchmarks\n\n" + MarkdownReport.START).contains("Run of today.");
    }

    @Test
    void chartHasOneLabelledRowPerLatencyRow() {
        Results results = new Results();
        results.latency.add(new Results.LatencyRow("openai-sse", Target.ANYCLAUDE, 120, 150, 400, 0, 0, 0, 0));
        results.latency.add(new Results.LatencyRow("openai-sse", Peer.CCR, 1500, 2000, 9000, 0, 0, 0, 0));

        String svg = SvgChart.render(results);

        assertThat(svg).startsWith("<svg").contains("openai-sse · anyclaude", "openai-sse · claude-code-router",
                "120 µs / 400 µs", "1.5 ms / 9.0 ms").endsWith("</svg>\n");
    }
}
