package dev.anyclaude.core.json;

import dev.anyclaude.api.model.Usage;
import java.util.Map;

/**
 * {@link AnswerUsage}'s fast path: checks that an answer (or a stream's {@code data:} line) is one plainly valid JSON
 * object and reads its usage as Jackson's reading does, or answers null and leaves the bytes to Jackson: anything
 * invalid, a name with an escape, a count that is not an integer of at most nine digits.
 */
final class UsageScan extends JsonScan {
    private static final byte[] USAGE = ascii("usage");
    private static final byte[] INPUT = ascii("input_tokens");
    private static final byte[] OUTPUT = ascii("output_tokens");
    private static final byte[] CACHE_CREATION = ascii("cache_creation_input_tokens");
    private static final byte[] CACHE_READ = ascii("cache_read_input_tokens");
    private static final int MAX_COUNT_DIGITS = 9;

    /** The usage of the last object {@link #members} or {@link #counts} read. */
    private Usage found;

    private UsageScan(byte[] body, int end) {
        super(body, end);
    }

    /** What {@link AnswerUsage#of} answers for these bytes, or null when Jackson must decide. */
    static AnswerUsage scan(byte[] bytes, int offset, int length, byte[] nested) {
        UsageScan scan = new UsageScan(bytes, offset + length);
        int p = scan.whitespace(offset);
        if (p >= scan.end || bytes[p] != '{') {
            return null;
        }
        p = scan.members(p, nested, 0);
        if (p == FAIL || scan.whitespace(p) != scan.end) {
            return null;
        }
        return scan.found == null ? AnswerUsage.NONE : new AnswerUsage(scan.found);
    }

    /**
     * The object at {@code p}: its {@code usage} when it has one (the last, when repeated; null when not an object),
     * else its {@code nested} member's, read the same way; into {@link #found}.
     */
    private int members(int p, byte[] nested, int depth) {
        boolean top = false;
        Usage usage = null;
        Usage inner = null;
        p = whitespace(p + 1);
        if (p < end && body[p] == '}') {
            found = null;
            return p + 1;
        }
        while (true) {
            p = member(p);
            if (p == FAIL || !plain) {
                return FAIL; // a name with an escape could spell one this scan looks for
            }
            if (isName(USAGE)) {
                top = true;
                if (body[p] == '{') {
                    p = counts(p, depth + 1);
                    usage = found;
                } else {
                    usage = null;
                    p = value(p, depth + 1);
                }
            } else if (nested != null && isName(nested)) {
                if (body[p] == '{') {
                    p = depth + 1 >= MAX_DEPTH ? FAIL : members(p, null, depth + 1);
                    inner = found;
                } else {
                    inner = null;
                    p = value(p, depth + 1);
                }
            } else {
                p = value(p, depth + 1);
            }
            p = next(p);
            if (p == FAIL) {
                return FAIL;
            }
            if (body[p] == '}') {
                found = top ? usage : inner;
                return p + 1;
            }
            p = whitespace(p + 1);
        }
    }

    /** The usage object at {@code p}, into {@link #found}: a count that is not a number is null, the last one wins. */
    private int counts(int p, int depth) {
        if (depth >= MAX_DEPTH) {
            return FAIL;
        }
        Integer input = null;
        Integer output = null;
        Integer cacheCreation = null;
        Integer cacheRead = null;
        p = whitespace(p + 1);
        if (p < end && body[p] == '}') {
            found = new Usage(null, null, null, null, Map.of());
            return p + 1;
        }
        while (true) {
            p = member(p);
            if (p == FAIL || !plain) {
                return FAIL; // a name with an escape could spell one this scan looks for
            }
            Integer count = null;
            if (body[p] == '-') {
                return FAIL; // no count is negative; Jackson reads what a server might mean by one
            } else if (digit(body[p])) {
                int start = p;
                int value = 0;
                while (p < end && digit(body[p]) && p - start < MAX_COUNT_DIGITS + 1) {
                    value = value * 10 + (body[p] - '0');
                    p++;
                }
                if (p - start > MAX_COUNT_DIGITS || p - start > 1 && body[start] == '0'
                        || p < end && (body[p] == '.' || body[p] == 'e' || body[p] == 'E')) {
                    return FAIL;
                }
                count = value;
            } else {
                p = value(p, depth + 1);
            }
            if (isName(INPUT)) {
                input = count;
            } else if (isName(OUTPUT)) {
                output = count;
            } else if (isName(CACHE_CREATION)) {
                cacheCreation = count;
            } else if (isName(CACHE_READ)) {
                cacheRead = count;
            }
            p = next(p);
            if (p == FAIL) {
                return FAIL;
            }
            if (body[p] == '}') {
                found = new Usage(input, output, cacheCreation, cacheRead, Map.of());
                return p + 1;
            }
            p = whitespace(p + 1);
        }
    }
}
