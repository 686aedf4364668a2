package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.plugins.openai.translate.ErrorExplainer;
import dev.anyclaude.plugins.openai.translate.ErrorTranslator;
import dev.anyclaude.plugins.openai.translate.IdSource;
import dev.anyclaude.plugins.openai.translate.StreamTranslator;
import dev.anyclaude.plugins.openai.translate.Translation;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Locale;

/**
 * How one backend reads its server's answers, on both paths: which kind an answer is (an error status, one JSON
 * completion, or a stream), the translator for each, and the wording of failures. Thread-safe.
 *
 * @param backend the backend's config name, for messages
 * @param baseUrl the server's base URL, for messages
 */
record OpenAiAnswers(String backend, String baseUrl, OpenAiJson json, IdSource ids, ErrorExplainer explainer,
                     ErrorTranslator errors) {
    /** The most of an error body that is read: its message is at the start, and a broken server may never end it. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    OpenAiAnswers(String backend, String baseUrl, OpenAiSetup setup) {
        this(backend, baseUrl, setup.json(), setup.ids(), setup.explainer(),
                new ErrorTranslator(backend, setup.json(), setup.explainer()));
    }

    /** A fresh translator for one answer to this request. */
    StreamTranslator translator(String model, Translation translation) {
        return StreamTranslator.of(backend, model, translation, ids, json, explainer);
    }

    /** True when a successful answer with these headers is one JSON completion rather than a stream. */
    static boolean isJson(HttpHeaders headers) {
        return headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /**
     * True when a successful answer to a request that asked for a stream ({@code askedStream}) or not is one JSON
     * completion: labelled {@code application/json}; or, when no stream was asked for, anything not labelled
     * {@code text/event-stream} (mistral.rs sends its completions as {@code text/plain}).
     */
    static boolean isJson(HttpHeaders headers, boolean askedStream) {
        if (askedStream) {
            return isJson(headers);
        }
        return !headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** Whether this request asks its server for a stream. */
    static boolean asksStream(Translation translation) {
        return Boolean.TRUE.equals(translation.request().stream());
    }

    /** The fast path's translators for the answers to this request (one per answer: a retry gets a new one). */
    AnswerTranslator.Factory factory(String model, Translation translation) {
        boolean askedStream = asksStream(translation);
        return (status, headers) -> {
            long length = contentLength(headers);
            if (status >= 400) {
                return new ErrorAnswer(this, status, headers.firstValue("retry-after").orElse(null), length);
            }
            if (isJson(headers, askedStream)) {
                return new JsonAnswer(this, translator(model, translation), length);
            }
            return new SseAnswer(new SseEventTranslator(translator(model, translation), json));
        };
    }

    private static long contentLength(HttpHeaders headers) {
        try {
            return headers.firstValueAsLong("content-length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1; // Only a size hint: without it the body is collected all the same.
        }
    }

    /** The server could not be reached, or broke off before the answer was read. */
    AnthropicException unreachable(IOException e) {
        return new AnthropicException(ErrorType.API, 502, "backend '" + backend + "' at " + baseUrl
                + " is unreachable: " + e.getMessage(), e);
    }

    /** The server's JSON answer could not be read. */
    AnthropicException notJson(IllegalArgumentException e) {
        return AnthropicException.apiError("backend '" + backend + "' sent an answer that is not valid JSON: "
                + e.getMessage(), e);
    }
}
