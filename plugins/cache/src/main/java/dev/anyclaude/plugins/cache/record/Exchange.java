package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded request and its answer.
 *
 * @param number  its place in the session, from 1
 * @param key     the request's canonical key (hex), as the cache computes it but without the credential
 * @param backend the backend entry that served it
 * @param model   the model asked of that backend
 * @param stream  whether the client asked for a stream
 * @param headers the request headers that shape the answer ({@code anthropic-version}, {@code anthropic-beta})
 * @param body    the request body as written to the file: secrets masked, tools summarised ({@link RequestSummary})
 * @param answer  the answer
 */
record Exchange(int number, String key, String backend, String model, boolean stream, Map<String, String> headers,
                ObjectNode body, Answer answer) {

    Exchange {
        Objects.requireNonNull(key, "key");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(answer, "answer");
    }

    /** The file name: the number (so names sort in session order) and the model, e.g. {@code 0001-claude-sonnet-4-5.json}. */
    String fileName() {
        String safeModel = model == null ? "unknown" : model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        if (safeModel.length() > 60) {
            safeModel = safeModel.substring(0, 60);
        }
        return String.format(Locale.ROOT, "%04d-%s.json", number, safeModel);
    }

    /** The first 12 hex digits of the key, as logged. */
    String shortKey() {
        return key.substring(0, Math.min(12, key.length()));
    }
}
