package dev.anyclaude.plugins.openai.translate;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks JSON text one character at a time: {@link #feed} says whether the text so far is still the start of
 * a valid JSON value, {@link #done()} whether the value is complete, and {@link #closingSuffix()} gives the
 * shortest text that completes what was accepted so far. Tool-call arguments are streamed to the client as they
 * arrive, so a stream cut in the middle of a call (or a server that starts sending garbage) must still end with
 * input that parses; this is how the translator knows what to append. Not thread-safe.
 */
final class JsonScanner {
    private enum Expect { VALUE, VALUE_OR_END, KEY_OR_END, KEY, COLON, COMMA_OR_END }

    private enum Num { SIGN, ZERO, INT, DOT, FRAC, E, E_SIGN, EXP }

    private final Deque<Character> containers = new ArrayDeque<>();
    private Expect expect = Expect.VALUE;
    private boolean done;
    private boolean inString;
    private boolean stringIsKey;
    private boolean escape;
    private int unicodeLeft;
    private String literal;
    private int literalAt;
    private Num number;

    /** True once a whole value was read; later characters other than whitespace are rejected. */
    boolean done() {
        return done;
    }

    /**
     * Reads one more character.
     *
     * @return false when it cannot continue valid JSON; the scanner is then unchanged and stays at the last
     *         valid state
     */
    boolean feed(char c) {
        if (inString) {
            return string(c);
        }
        if (literal != null) {
            if (c != literal.charAt(literalAt)) {
                return false;
            }
            if (++literalAt == literal.length()) {
                literal = null;
                afterValue();
            }
            return true;
        }
        if (number != null) {
            Num next = nextNumber(number, c);
            if (next != null) {
                number = next;
                return true;
            }
            if (!numberComplete(number)) {
                return false;
            }
            Num ended = number;
            number = null;
            afterValue();
            if (!structural(c)) {
                // Undo the end of the number: the scanner stays where the last valid character left it.
                number = ended;
                done = false;
                return false;
            }
            return true;
        }
        return structural(c);
    }

    /** The text that closes everything open: an unfinished string, number or literal, then the containers. */
    String closingSuffix() {
        if (done) {
            return "";
        }
        StringBuilder suffix = new StringBuilder();
        Expect state = expect;
        if (inString) {
            if (escape) {
                suffix.append('\\');
            }
            suffix.append("0".repeat(unicodeLeft)).append('"');
            state = stringIsKey ? Expect.COLON : Expect.COMMA_OR_END;
        } else if (literal != null) {
            suffix.append(literal, literalAt, literal.length());
            state = Expect.COMMA_OR_END;
        } else if (number != null) {
            suffix.append(numberComplete(number) ? "" : "0");
            state = Expect.COMMA_OR_END;
        }
        switch (state) {
            case COLON -> suffix.append(":null");
            case KEY -> suffix.append("\"_\":null");
            case VALUE -> suffix.append(containers.isEmpty() ? "{}" : "null");
            default -> { }
        }
        for (char container : containers) {
            suffix.append(container == '{' ? '}' : ']');
        }
        return suffix.toString();
    }

    private boolean structural(char c) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (done) {
            return false;
        }
        switch (expect) {
            case VALUE, VALUE_OR_END -> {
                if (c == ']' && expect == Expect.VALUE_OR_END) {
                    return close();
                }
                return value(c);
            }
            case KEY_OR_END, KEY -> {
                if (c == '}' && expect == Expect.KEY_OR_END) {
                    return close();
                }
                if (c != '"') {
                    return false;
                }
                inString = true;
                stringIsKey = true;
                return true;
            }
            case COLON -> {
                if (c != ':') {
                    return false;
                }
                expect = Expect.VALUE;
                return true;
            }
            case COMMA_OR_END -> {
                if (c == ',') {
                    expect = containers.peek() == '{' ? Expect.KEY : Expect.VALUE;
                    return true;
                }
                return (c == '}' && containers.peek() == '{' || c == ']' && containers.peek() == '[') && close();
            }
            default -> {
                return false;
            }
        }
    }

    private boolean value(char c) {
        switch (c) {
            case '{' -> {
                containers.push('{');
                expect = Expect.KEY_OR_END;
            }
            case '[' -> {
                containers.push('[');
                expect = Expect.VALUE_OR_END;
            }
            case '"' -> {
                inString = true;
                stringIsKey = false;
            }
            case 't' -> startLiteral("true");
            case 'f' -> startLiteral("false");
            case 'n' -> startLiteral("null");
            case '-' -> number = Num.SIGN;
            case '0' -> number = Num.ZERO;
            default -> {
                if (c < '1' || c > '9') {
                    return false;
                }
                number = Num.INT;
            }
        }
        return true;
    }

    private void startLiteral(String word) {
        literal = word;
        literalAt = 1;
    }

    private boolean close() {
        containers.pop();
        afterValue();
        return true;
    }

    private void afterValue() {
        if (containers.isEmpty()) {
            done = true;
        }
        expect = Expect.COMMA_OR_END;
    }

    private boolean string(char c) {
        if (unicodeLeft > 0) {
            if (Character.digit(c, 16) < 0) {
                return false;
            }
            unicodeLeft--;
            return true;
        }
        if (escape) {
            if ("\"\\/bfnrt".indexOf(c) >= 0) {
                escape = false;
                return true;
            }
            if (c == 'u') {
                escape = false;
                unicodeLeft = 4;
                return true;
            }
            return false;
        }
        if (c == '\\') {
            escape = true;
        } else if (c == '"') {
            inString = false;
            if (stringIsKey) {
                expect = Expect.COLON;
            } else {
                afterValue();
            }
        } else if (c < 0x20) {
            return false;
        }
        return true;
    }

    private static Num nextNumber(Num state, char c) {
        boolean digit = c >= '0' && c <= '9';
        return switch (state) {
            case SIGN -> c == '0' ? Num.ZERO : digit ? Num.INT : null;
            case ZERO -> c == '.' ? Num.DOT : c == 'e' || c == 'E' ? Num.E : null;
            case INT -> digit ? Num.INT : c == '.' ? Num.DOT : c == 'e' || c == 'E' ? Num.E : null;
            case DOT -> digit ? Num.FRAC : null;
            case FRAC -> digit ? Num.FRAC : c == 'e' || c == 'E' ? Num.E : null;
            case E -> c == '+' || c == '-' ? Num.E_SIGN : digit ? Num.EXP : null;
            case E_SIGN, EXP -> digit ? Num.EXP : null;
        };
    }

    private static boolean numberComplete(Num state) {
        return state == Num.ZERO || state == Num.INT || state == Num.FRAC || state == Num.EXP;
    }
}
