package dev.anyclaude.plugins.openai.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.util.Map;

/**
 * The arguments of one streamed tool call, and the part of them that may be sent to the client.
 *
 * <p>Arguments that start as a JSON object are passed on as they arrive, as long as they stay valid JSON; once
 * the object is complete, further fragments are ignored (LiteLLM repeats the whole arguments in a final chunk).
 * At the end, {@link #finish()} returns what completes the object if it was cut short or went invalid (the
 * valid part is closed, the rest dropped). Arguments that do not start with {@code {} are held back and, at the
 * end, unwrapped when they are a JSON string holding an object (double-encoded), else wrapped as
 * {@code {"_raw_arguments": "<text>"}}, so the client always gets an object that parses and the tool reports a
 * clear validation error to the model. Not thread-safe.
 */
final class ToolArguments {
    /** The key under which arguments that are not a JSON object are passed on. */
    static final String RAW_KEY = "_raw_arguments";

    private enum Mode { UNDECIDED, STREAM, HELD, BROKEN }

    private final JsonScanner scanner = new JsonScanner();
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder unsent = new StringBuilder();
    private Mode mode = Mode.UNDECIDED;

    /** Adds a fragment as received. */
    void append(String fragment) {
        if (fragment == null || fragment.isEmpty()) {
            return;
        }
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            switch (mode) {
                case UNDECIDED -> {
                    if (c == '{') {
                        mode = Mode.STREAM;
                        scanner.feed(c);
                        unsent.append(c);
                    } else if (!Character.isWhitespace(c)) {
                        mode = Mode.HELD;
                        raw.append(fragment, i, fragment.length());
                        return;
                    }
                }
                case STREAM -> {
                    if (scanner.done()) {
                        return;
                    }
                    if (scanner.feed(c)) {
                        unsent.append(c);
                    } else {
                        mode = Mode.BROKEN;
                        return;
                    }
                }
                case HELD -> {
                    raw.append(fragment, i, fragment.length());
                    return;
                }
                case BROKEN -> {
                    return;
                }
            }
        }
    }

    /** True when a whole JSON object arrived: the call can take no more arguments. */
    boolean complete() {
        return mode == Mode.STREAM && scanner.done();
    }

    /** The text that may be sent now and was not yet; clears it. */
    String drain() {
        String text = unsent.toString();
        unsent.setLength(0);
        return text;
    }

    /** What must still be sent after {@link #drain()} so the arguments sent in total form one JSON object. */
    String finish(OpenAiJson json) {
        return switch (mode) {
            case UNDECIDED -> "";
            case STREAM, BROKEN -> scanner.closingSuffix();
            case HELD -> held(json);
        };
    }

    private String held(OpenAiJson json) {
        String text = raw.toString().strip();
        JsonNode node = json.readTreeOrNull(text);
        if (node != null && node.isTextual()) {
            JsonNode inner = json.readTreeOrNull(node.textValue());
            if (inner != null && inner.isObject()) {
                return inner.toString();
            }
        }
        return json.write(Map.of(RAW_KEY, text));
    }
}
