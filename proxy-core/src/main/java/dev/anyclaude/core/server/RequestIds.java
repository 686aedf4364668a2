package dev.anyclaude.core.server;

import io.undertow.util.HttpString;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids in Anthropic's shape ({@code req_} and 24 base-62 characters), sent as {@code request-id}. */
final class RequestIds {
    static final HttpString HEADER = HttpString.tryFromString("request-id");
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[28];
        id[0] = 'r';
        id[1] = 'e';
        id[2] = 'q';
        id[3] = '_';
        for (int i = 4; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
