package dev.anyclaude.plugins.anthropic;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which client headers go upstream, and with which credentials. Everything end to end passes unchanged
 * ({@code anthropic-version} and {@code anthropic-beta} included, whatever their value); hop-by-hop headers,
 * {@code host}, {@code content-length} and anyclaude's own {@code x-anyclaude-*} headers do not.
 *
 * <p>Credentials: a key from config replaces the client's; otherwise the client's own {@code x-api-key} or
 * {@code authorization} passes; a client that sent neither gets the key from the environment, if any.
 */
final class ForwardedHeaders {
    private static final Set<String> DROPPED = Set.of("host", "content-length", "connection", "keep-alive",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-connection", "expect");

    private ForwardedHeaders() {
    }

    /**
     * Headers for a server that is not Anthropic's (compatible mode): the client's credentials never go there,
     * only the configured key (as {@code x-api-key} and {@code authorization: Bearer}); {@code anthropic-beta}
     * keeps only the allowed flags and is left out when none remain; {@code accept-encoding} stays behind (Claude
     * Code asks for gzip, br and zstd), so the answer comes uncompressed: middleware such as the tool-call repair
     * reads it as events, which a compressed body would keep from it, and a local server gains nothing by it.
     */
    static List<Map.Entry<String, String>> compatible(HttpHeaders client, Optional<String> configKey,
                                                      Predicate<String> allowedBeta) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : client.map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (DROPPED.contains(name) || name.startsWith("x-anyclaude-") || name.startsWith(":")
                    || name.equals("x-api-key") || name.equals("authorization") || name.equals("accept-encoding")) {
                continue;
            }
            for (String value : header.getValue()) {
                if (name.equals("anthropic-beta")) {
                    String kept = Arrays.stream(value.split(",")).map(String::trim)
                            .filter(flag -> !flag.isEmpty() && allowedBeta.test(flag))
                            .collect(Collectors.joining(","));
                    if (!kept.isEmpty()) {
                        out.add(Map.entry(header.getKey(), kept));
                    }
                } else {
                    out.add(Map.entry(header.getKey(), value));
                }
            }
        }
        configKey.ifPresent(key -> {
            out.add(Map.entry("x-api-key", key));
            out.add(Map.entry("authorization", "Bearer " + key));
        });
        return out;
    }

    static List<Map.Entry<String, String>> of(HttpHeaders client, Optional<String> configKey, Optional<String> envKey) {
        // allValues, not firstValue: this runs for every request, and firstValue makes a stream each time
        boolean clientHasKey = !client.allValues("x-api-key").isEmpty() || !client.allValues("authorization").isEmpty();
        boolean replaceAuth = configKey.isPresent();
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : client.map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (DROPPED.contains(name) || name.startsWith("x-anyclaude-") || name.startsWith(":")) {
                continue;
            }
            if (replaceAuth && (name.equals("x-api-key") || name.equals("authorization"))) {
                continue;
            }
            for (String value : header.getValue()) {
                out.add(Map.entry(header.getKey(), value));
            }
        }
        if (replaceAuth) {
            out.add(Map.entry("x-api-key", configKey.get()));
        } else if (!clientHasKey && envKey.isPresent()) {
            out.add(Map.entry("x-api-key", envKey.get()));
        }
        return out;
    }
}
