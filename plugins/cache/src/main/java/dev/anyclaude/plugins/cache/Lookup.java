package dev.anyclaude.plugins.cache;

import java.net.http.HttpHeaders;
import java.util.Locale;

/**
 * What a request lets the cache do, from its headers:
 * <ul>
 *   <li>{@code x-anyclaude-cache: bypass} or {@code Cache-Control: no-store}: neither read nor store
 *       ({@link #BYPASS});</li>
 *   <li>{@code Cache-Control: no-cache}: do not serve a stored answer, but store the fresh one ({@link #REFRESH});</li>
 *   <li>otherwise serve a stored answer, else store the fresh one ({@link #USE}).</li>
 * </ul>
 */
enum Lookup {
    USE, REFRESH, BYPASS;

    /** The request header that asks for a bypass, and the response header that tells what the cache did. */
    static final String HEADER = "x-anyclaude-cache";

    static Lookup of(HttpHeaders headers) {
        for (String value : headers.allValues(HEADER)) {
            if (value.trim().equalsIgnoreCase("bypass")) {
                return BYPASS;
            }
        }
        Lookup lookup = USE;
        for (String value : headers.allValues("cache-control")) {
            for (String directive : value.toLowerCase(Locale.ROOT).split(",")) {
                String name = directive.trim();
                if (name.equals("no-store")) {
                    return BYPASS;
                }
                if (name.equals("no-cache")) {
                    lookup = REFRESH;
                }
            }
        }
        return lookup;
    }
}
