package dev.anyclaude.core.json;

import java.nio.charset.StandardCharsets;


/**
 * {@link RequestPeek}'s fast path: a strict JSON scanner over a request body that reads strings eight bytes at a
 * time. It answers only when the body is plainly valid and its top-level facts plain ({@code model} an ASCII string
 * without escapes, {@code max_tokens} an integer of at most nine digits, {@code stream} a boolean or null), and
 * answers null for everything else, so that Jackson decides and words the error. Like every {@link JsonScan}, it
 * accepts nothing Jackson refuses; {@code RequestScanTest} holds it to that on generated and mutated bodies.
 *
 * <p>Why not Jackson alone: a Claude Code turn is about 50 KB, nearly all of it in strings (its system prompt, tool
 * descriptions, the conversation), and Claude Code sends {@code stream} last, so the check reads every byte; Jackson
 * takes its strings a byte at a time, a fifth of the proxy's IO thread on such a turn.
 */
final class RequestScan extends JsonScan {
    private static final byte[] MODEL = ascii("model");
    private static final byte[] MAX_TOKENS = ascii("max_tokens");
    private static final byte[] STREAM = ascii("stream");
    private static final byte[] MESSAGES = ascii("messages");

    private RequestScan(byte[] body) {
        super(body, body.length);
    }

    /** The body's facts, or null when Jackson must decide (anything invalid, unusual or over a limit). */
    static RequestPeek peek(byte[] body, RequestPeek.Kind kind) {
        return new RequestScan(body).top(kind);
    }

    private RequestPeek top(RequestPeek.Kind kind) {
        String model = null;
        int maxTokens = -1;
        boolean stream = false;
        boolean sawMessages = false;
        int p = whitespace(0);
        if (p >= end || body[p] != '{') {
            return null;
        }
        p = whitespace(p + 1);
        while (true) {
            p = member(p);
            if (p == FAIL || !plain) {
                return null; // also the empty object, which lacks the required fields
            }
            if (isName(MODEL)) {
                if (body[p] != '"') {
                    return null;
                }
                int start = p + 1;
                p = string(p);
                if (p == FAIL || !plain) {
                    return null;
                }
                model = new String(body, start, p - 1 - start, StandardCharsets.ISO_8859_1);
            } else if (isName(MAX_TOKENS)) {
                int digits = 0;
                int value = 0;
                while (p < end && body[p] >= '0' && body[p] <= '9' && digits < 10) {
                    value = value * 10 + (body[p] - '0');
                    p++;
                    digits++;
                }
                if (digits == 0 || digits > 9 || digits > 1 && body[p - digits] == '0'
                        || p < end && (body[p] == '.' || body[p] == 'e' || body[p] == 'E')) {
                    return null;
                }
                maxTokens = value;
            } else if (isName(STREAM)) {
                int afterTrue = literal(p, "true");
                if (afterTrue != FAIL) {
                    stream = true;
                    p = afterTrue;
                } else {
                    p = literal(p, body[p] == 'f' ? "false" : "null");
                    stream = false;
                }
            } else if (isName(MESSAGES)) {
                if (body[p] != '[') {
                    return null;
                }
                sawMessages = true;
                p = value(p, 1);
            } else {
                p = value(p, 1);
            }
            p = next(p);
            if (p == FAIL) {
                return null;
            }
            if (body[p] == '}') {
                break;
            }
            p = whitespace(p + 1);
        }
        if (whitespace(p + 1) != end || model == null || model.isBlank() || !sawMessages
                || kind == RequestPeek.Kind.MESSAGES && maxTokens < 0) {
            return null;
        }
        return new RequestPeek(model, maxTokens, stream);
    }
}
