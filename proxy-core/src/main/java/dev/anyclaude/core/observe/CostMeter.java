package dev.anyclaude.core.observe;

import dev.anyclaude.core.plugins.ProxyMetrics;

/**
 * Adds each answer's estimated cost to {@code anyclaude.cost} (US dollars, tag {@code backend}; Prometheus
 * {@code anyclaude_cost_usd_total}) for the backends that have a price.
 */
public final class CostMeter implements RequestObserver {
    private final PriceTable prices;
    private final ProxyMetrics metrics;

    public CostMeter(PriceTable prices, ProxyMetrics metrics) {
        this.prices = prices;
        this.metrics = metrics;
    }

    @Override
    public void completed(CompletedRequest request) {
        prices.of(request.backend()).ifPresent(price -> {
            double cost = price.cost(request);
            if (cost > 0) {
                metrics.add("anyclaude.cost.usd", cost, "backend", request.backend());
            }
        });
    }
}
