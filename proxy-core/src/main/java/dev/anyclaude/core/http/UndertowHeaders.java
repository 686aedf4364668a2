package dev.anyclaude.core.http;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import java.net.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Undertow's header maps as the plugin API carries headers: a client's request's, an upstream's answer's. */
public final class UndertowHeaders {
    private UndertowHeaders() {
    }

    /** Every header of {@code headers}, names as received. */
    public static HttpHeaders toHttpHeaders(HeaderMap headers) {
        Map<String, List<String>> map = HashMap.newHashMap(headers.size());
        // Undertow's cursor iteration, and its value lists handed over as they are (HttpHeaders.of copies them):
        // this runs twice for every call.
        for (long cursor = headers.fastIterateNonEmpty(); cursor != -1L; cursor = headers.fiNextNonEmpty(cursor)) {
            HeaderValues values = headers.fiCurrent(cursor);
            map.put(values.getHeaderName().toString(), values);
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
