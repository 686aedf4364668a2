package dev.anyclaude.core.observe;

import dev.anyclaude.core.config.BackendEntry;
import dev.anyclaude.core.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The prices of the backends that have a {@code "price"} block, for a cost estimate:
 * {@code "price": {"inputPerMTok": 3.0, "outputPerMTok": 15.0}} (US dollars per million tokens; optional
 * {@code cacheReadPerMTok}, {@code cacheWritePerMTok}, default: the input price). Immutable.
 */
public record PriceTable(Map<String, Price> prices) {
    private static final java.util.Set<String> KEYS = java.util.Set.of("inputPerMTok", "outputPerMTok", "cacheReadPerMTok",
            "cacheWritePerMTok");

    public PriceTable {
        prices = Map.copyOf(prices);
    }

    /**
     * The price blocks of these backend entries.
     *
     * @throws ConfigException naming the field when a price is not a number of zero or more, or a key is unknown
     */
    public static PriceTable of(Map<String, BackendEntry> backends) {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (BackendEntry entry : backends.values()) {
            Object block = entry.settings().get("price");
            if (block == null) {
                continue;
            }
            String where = "backends." + entry.name() + ".price";
            if (!(block instanceof Map<?, ?> map)) {
                throw new ConfigException(where + ": must be an object such as {\"inputPerMTok\": 3.0, \"outputPerMTok\": 15.0}");
            }
            for (Object key : map.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new ConfigException(where + "." + key + ": unknown; known: inputPerMTok, outputPerMTok, "
                            + "cacheReadPerMTok, cacheWritePerMTok");
                }
            }
            double input = number(map, "inputPerMTok", where, 0);
            prices.put(entry.name(), new Price(input, number(map, "outputPerMTok", where, 0),
                    number(map, "cacheReadPerMTok", where, input), number(map, "cacheWritePerMTok", where, input)));
        }
        return new PriceTable(prices);
    }

    /** The price of a backend, if it has one. */
    public Optional<Price> of(String backend) {
        return Optional.ofNullable(prices.get(backend));
    }

    private static double number(Map<?, ?> map, String key, String where, double fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() < 0 || !Double.isFinite(number.doubleValue())) {
            throw new ConfigException(where + "." + key + ": must be a number of US dollars per million tokens, 0 or more");
        }
        return number.doubleValue();
    }
}
