package dev.anyclaude.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads JMH's JSON result file ({@code -rf json}) into rows: average ns/op and the gc profiler's bytes/op. */
final class JmhResults {
    private JmhResults() {
    }

    static List<Results.JmhRow> read(Path file) throws IOException {
        List<Results.JmhRow> rows = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(file.toFile())) {
            String name = run.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            JsonNode primary = run.path("primaryMetric");
            JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
            if (alloc.isMissingNode()) {
                alloc = run.path("secondaryMetrics").path("·gc.alloc.rate.norm");
            }
            rows.add(new Results.JmhRow(name, primary.path("score").asDouble(), primary.path("scoreError").asDouble(),
                    alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()));
        }
        return rows;
    }
}
