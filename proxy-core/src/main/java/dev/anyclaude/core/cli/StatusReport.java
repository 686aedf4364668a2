package dev.anyclaude.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text {@code anyclaude status} prints for a proxy's state ({@code /dashboard/api/state}). */
final class StatusReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final JsonNode state;
    private final String base;
    private final int recent;
    private final StringBuilder out = new StringBuilder();

    StatusReport(JsonNode state, String base, int recent) {
        this.state = state;
        this.base = base;
        this.recent = recent;
    }

    String text() {
        long up = state.path("uptimeSeconds").asLong();
        line("anyclaude at %s, up %d h %02d min %02d s", base, up / 3600, up / 60 % 60, up % 60);
        JsonNode totals = state.path("totals");
        JsonNode cache = state.path("cache");
        line("requests %d (errors %d, upstream errors %d), tokens %d in / %d out, estimated cost %s, cache %s",
                totals.path("requests").asLong(), totals.path("errors").asLong(), totals.path("upstreamErrors").asLong(),
                totals.path("tokensIn").asLong(), totals.path("tokensOut").asLong(), usd(totals.path("costUsd").asDouble()),
                cache(cache));
        line("");
        line("%-22s %-11s %-9s %9s %7s %16s %10s  %s", "BACKEND", "TYPE", "HEALTH", "REQUESTS", "ERRORS", "TOKENS IN/OUT",
                "COST", "DETAIL");
        for (JsonNode b : state.path("backends")) {
            String name = b.path("name").asText() + (b.path("name").asText().equals(state.path("defaultBackend").asText())
                    ? " (default)" : "");
            line("%-22s %-11s %-9s %9d %7d %16s %10s  %s", name, b.path("type").asText(), b.path("status").asText(),
                    b.path("requests").asLong(), b.path("errors").asLong(),
                    b.path("tokensIn").asLong() + "/" + b.path("tokensOut").asLong(),
                    b.path("priced").asBoolean() ? usd(b.path("costUsd").asDouble()) : "-",
                    b.path("detail").asText().isEmpty() ? b.path("description").asText() : b.path("detail").asText());
        }
        List<String> routes = new ArrayList<>();
        state.path("routes").forEach(r -> routes.add(r.path("rule").asText() + " -> " + r.path("target").asText()));
        line("");
        line("routing: %s", String.join("; ", routes));
        for (JsonNode mlx : state.path("mlx")) {
            line("mlx %s: %s, %d restarts%s", mlx.path("backend").asText(), mlx.path("status").asText(),
                    mlx.path("restarts").asLong(), mlx.path("detail").asText().isEmpty() ? "" : " (" + mlx.path("detail").asText() + ")");
        }
        JsonNode requests = state.path("recent");
        line("");
        if (requests.isEmpty()) {
            line("no requests yet");
        } else {
            line("recent requests (newest first):");
            for (int i = 0; i < Math.min(recent, requests.size()); i++) {
                JsonNode r = requests.get(i);
                line("  %s %s %-12s %-28s %3d %9s %9s", TIME.format(Instant.parse(r.path("at").asText())), r.path("id").asText(),
                        or(r.path("backend").asText()), or(r.path("model").asText()), r.path("status").asInt(),
                        r.path("tokensIn").isNumber() ? r.path("tokensIn").asLong() + "/" + r.path("tokensOut").asLong() : "-",
                        r.path("totalMs").isNumber() ? Math.round(r.path("totalMs").asDouble()) + " ms" : "-");
            }
        }
        return out.toString();
    }

    private static String cache(JsonNode cache) {
        if (!cache.path("present").asBoolean()) {
            return "off";
        }
        return String.format(Locale.ROOT, "%d hits / %d misses", cache.path("hits").asLong(), cache.path("misses").asLong())
                + (cache.path("hitRatio").isNumber()
                ? String.format(Locale.ROOT, " (%.0f %%)", cache.path("hitRatio").asDouble() * 100) : "");
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, value >= 1 ? "$%.2f" : "$%.4f", value);
    }

    private static String or(String value) {
        return value.isEmpty() ? "-" : value;
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
