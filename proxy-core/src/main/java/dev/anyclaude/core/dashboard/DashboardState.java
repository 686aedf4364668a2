package dev.anyclaude.core.dashboard;

import dev.anyclaude.api.Health;
import dev.anyclaude.core.config.BackendEntry;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.observe.CompletedRequest;
import dev.anyclaude.core.observe.PriceTable;
import dev.anyclaude.core.observe.RecentRequests;
import dev.anyclaude.core.plugins.BackendRegistry;
import dev.anyclaude.core.plugins.ProxyMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy's state as the dashboard and {@code anyclaude status} show it ({@code GET /dashboard/api/state}):
 * backends and their health, the routing table, totals from the metrics, the last requests, cache figures (any
 * meter named {@code anyclaude.cache.*}, whoever registers it) and the MLX servers. Configured values that could be
 * secret (keys, URLs, headers) are never part of it; request rows carry no body and no header.
 */
public final class DashboardState {
    static final int RECENT = 50;

    private final ProxyConfig config;
    private final BackendRegistry backends;
    private final ProxyMetrics metrics;
    private final RecentRequests recent;
    private final PriceTable prices;
    private final Instant started;

    public DashboardState(ProxyConfig config, BackendRegistry backends, ProxyMetrics metrics, RecentRequests recent,
                          PriceTable prices, Instant started) {
        this.config = config;
        this.backends = backends;
        this.metrics = metrics;
        this.recent = recent;
        this.prices = prices;
        this.started = started;
    }

    /** A snapshot, as JSON-ready maps and lists. */
    public Map<String, Object> snapshot() {
        Totals totals = Totals.from(metrics);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        state.put("defaultBackend", config.defaultBackend());
        state.put("backends", backends(totals));
        state.put("routes", routes());
        state.put("totals", totals.overall());
        state.put("recent", recent());
        state.put("cache", cache());
        state.put("mlx", mlx());
        return state;
    }

    private List<Map<String, Object>> backends(Totals totals) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : backends.names()) {
            Health health = backends.get(name).orElseThrow().health();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("type", backends.typeOf(name));
            row.put("status", health.status().name().toLowerCase(Locale.ROOT));
            row.put("detail", health.detail());
            BackendEntry entry = config.backends().get(name);
            if (entry != null && entry.settings().get("description") instanceof String description) {
                row.put("description", description);
            }
            if (entry != null && entry.settings().get("model") instanceof String model) {
                row.put("model", model);
            }
            row.put("priced", prices.of(name).isPresent());
            row.putAll(totals.of(name));
            out.add(row);
        }
        return out;
    }

    private List<Map<String, Object>> routes() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(route("default", config.defaultBackend()));
        Map<String, Object> router = config.blocks().getOrDefault("router", Map.of());
        router.forEach((rule, target) -> {
            if (target instanceof Map<?, ?> map && !rule.equals("longContext")) {
                map.forEach((pattern, to) -> out.add(route(rule + " " + pattern, String.valueOf(to))));
            } else if (target instanceof Map<?, ?> map) {
                out.add(route(rule + " > " + map.get("threshold") + " tokens", String.valueOf(map.get("route"))));
            } else if (target instanceof List<?> list) {
                out.add(route(rule, String.join(" \u2192 ", list.stream().map(String::valueOf).toList())));
            } else {
                out.add(route(rule, String.valueOf(target)));
            }
        });
        return out;
    }

    private static Map<String, Object> route(String rule, String target) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rule", rule);
        row.put("target", target);
        return row;
    }

    private List<Map<String, Object>> recent() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CompletedRequest request : recent.latest(RECENT)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", request.id());
            row.put("at", request.at().toString());
            row.put("path", request.path());
            row.put("backend", request.backend());
            row.put("model", request.model());
            row.put("stream", request.streaming());
            row.put("status", request.status());
            row.put("tokensIn", request.usage() == null ? null : request.inputTokens());
            row.put("tokensOut", request.usage() == null ? null : request.outputTokens());
            row.put("ttfbMs", millis(request.firstByte()));
            row.put("ttftMs", millis(request.firstToken()));
            row.put("totalMs", millis(request.total()));
            prices.of(request.backend()).ifPresent(price -> row.put("costUsd", price.cost(request)));
            out.add(row);
        }
        return out;
    }

    private static Double millis(long nanos) {
        return nanos < 0 ? null : Math.round(nanos / 100_000.0) / 10.0;
    }

    private Map<String, Object> cache() {
        List<Map<String, Object>> meters = new ArrayList<>();
        double hits = 0;
        double misses = 0;
        for (ProxyMetrics.Reading reading : metrics.readings("anyclaude.cache.")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", reading.name());
            row.put("tags", reading.tags());
            row.put("value", reading.value());
            meters.add(row);
            if (reading.name().startsWith("anyclaude.cache.hit")) {
                hits += reading.value();
            } else if (reading.name().startsWith("anyclaude.cache.miss")) {
                misses += reading.value();
            }
        }
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("present", !meters.isEmpty());
        cache.put("hits", hits);
        cache.put("misses", misses);
        cache.put("hitRatio", hits + misses == 0 ? null : hits / (hits + misses));
        cache.put("meters", meters);
        return cache;
    }

    private List<Map<String, Object>> mlx() {
        Map<String, Double> restarts = new LinkedHashMap<>();
        for (ProxyMetrics.Reading reading : metrics.readings("anyclaude.mlx.restarts")) {
            restarts.merge(reading.tags().getOrDefault("backend", ""), reading.value(), Double::sum);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : backends.names()) {
            if (!backends.typeOf(name).equals("mlx")) {
                continue;
            }
            Health health = backends.get(name).orElseThrow().health();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("backend", name);
            row.put("status", health.status().name().toLowerCase(Locale.ROOT));
            row.put("detail", health.detail());
            row.put("restarts", restarts.getOrDefault(name, 0.0).longValue());
            out.add(row);
        }
        return out;
    }
}
