package dev.anyclaude.core.dashboard;

import dev.anyclaude.core.plugins.ProxyMetrics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Requests, errors, tokens and cost since start, per backend and overall, read from the proxy's meters. */
final class Totals {
    private final Map<String, double[]> perBackend = new HashMap<>();
    private final double[] overall = new double[Field.values().length];

    private enum Field { REQUESTS, ERRORS, TOKENS_IN, TOKENS_OUT, COST, UPSTREAM_ERRORS }

    static Totals from(ProxyMetrics metrics) {
        Totals totals = new Totals();
        for (ProxyMetrics.Reading r : exactly(metrics, "anyclaude.requests")) {
            totals.add(r, Field.REQUESTS);
            if (r.tags().getOrDefault("status", "").compareTo("400") >= 0) {
                totals.add(r, Field.ERRORS);
            }
        }
        for (ProxyMetrics.Reading r : exactly(metrics, "anyclaude.tokens")) {
            totals.add(r, "out".equals(r.tags().get("direction")) ? Field.TOKENS_OUT : Field.TOKENS_IN);
        }
        exactly(metrics, "anyclaude.cost.usd").forEach(r -> totals.add(r, Field.COST));
        exactly(metrics, "anyclaude.upstream.errors").forEach(r -> totals.add(r, Field.UPSTREAM_ERRORS));
        return totals;
    }

    private static java.util.List<ProxyMetrics.Reading> exactly(ProxyMetrics metrics, String name) {
        return metrics.readings(name).stream().filter(r -> r.name().equals(name)).toList();
    }

    private void add(ProxyMetrics.Reading reading, Field field) {
        String backend = reading.tags().getOrDefault("backend", "none");
        perBackend.computeIfAbsent(backend, b -> new double[Field.values().length])[field.ordinal()] += reading.value();
        overall[field.ordinal()] += reading.value();
    }

    Map<String, Object> of(String backend) {
        return map(perBackend.getOrDefault(backend, new double[Field.values().length]));
    }

    Map<String, Object> overall() {
        return map(overall);
    }

    private static Map<String, Object> map(double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", (long) values[Field.REQUESTS.ordinal()]);
        out.put("errors", (long) values[Field.ERRORS.ordinal()]);
        out.put("upstreamErrors", (long) values[Field.UPSTREAM_ERRORS.ordinal()]);
        out.put("tokensIn", (long) values[Field.TOKENS_IN.ordinal()]);
        out.put("tokensOut", (long) values[Field.TOKENS_OUT.ordinal()]);
        out.put("costUsd", values[Field.COST.ordinal()]);
        return out;
    }
}
