package dev.anyclaude.bench;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The faults the soak's mock upstreams inject, with how often and what a client must see for each. The mix is
 * fixed so runs compare: most answers are good (some slow), the rest are the upstream faults of the fault matrix.
 */
enum SoakFaults {
    /** A complete stream. */
    GOOD(60, Expect.COMPLETE),
    /** A complete stream whose events come with pauses. */
    SLOW(10, Expect.COMPLETE),
    /** 529 with retry-after 0 once, then retried by the proxy (retries.max 2): complete. */
    OVERLOADED_ONCE(6, Expect.COMPLETE),
    /** 500: the client gets the error (retried, but every answer of this kind fails). */
    SERVER_ERROR(4, Expect.ERROR),
    /** 429 with a retry-after beyond the proxy's limit: the client gets the 429 at once. */
    RATE_LIMITED(4, Expect.ERROR),
    /** The connection drops in the middle of the stream. */
    RESET_MID_STREAM(6, Expect.ERROR),
    /** An {@code event: error} (or an OpenAI error chunk) inside a 200 stream. */
    ERROR_EVENT(4, Expect.ERROR),
    /** The stream ends cleanly but early, without message_stop (or [DONE]). */
    ENDS_EARLY(3, Expect.ERROR),
    /** A chunk that is not JSON (OpenAI lane) or a frame that is garbage (passthrough lane). */
    MALFORMED(2, Expect.ERROR),
    /** The stream goes silent longer than the backend's idle limit. */
    STALLS(1, Expect.ERROR);

    /** What the client must receive. */
    enum Expect { COMPLETE, ERROR }

    private static final int TOTAL = java.util.Arrays.stream(values()).mapToInt(f -> f.weight).sum();

    final int weight;
    final Expect expect;

    SoakFaults(int weight, Expect expect) {
        this.weight = weight;
        this.expect = expect;
    }

    static SoakFaults pick() {
        int roll = ThreadLocalRandom.current().nextInt(TOTAL);
        for (SoakFaults fault : values()) {
            roll -= fault.weight;
            if (roll < 0) {
                return fault;
            }
        }
        throw new IllegalStateException();
    }

    /** The answer of an Anthropic upstream for this fault; {@code attempt} counts the proxy's tries of one request. */
    MockResponse anthropic(String text, int attempt) {
        List<String> frames = AnthropicFixtures.textStreamFrames(text);
        return switch (this) {
            case GOOD -> MockResponse.sse(frames);
            case SLOW -> MockResponse.sse(frames).gateBefore(2, delay(200)).gateBefore(4, delay(300));
            case OVERLOADED_ONCE -> attempt == 0
                    ? AnthropicFixtures.errorResponse(529, "Overloaded").withHeader("retry-after", "0")
                    : MockResponse.sse(frames);
            case SERVER_ERROR -> AnthropicFixtures.errorResponse(500, "boom");
            case RATE_LIMITED -> AnthropicFixtures.errorResponse(429, "slow down").withHeader("retry-after", "120");
            case RESET_MID_STREAM -> MockResponse.sse(frames.subList(0, 4)).thenDisconnect();
            case ERROR_EVENT -> MockResponse.sse(AnthropicFixtures.midStreamErrorFrames());
            case ENDS_EARLY -> MockResponse.sse(frames.subList(0, 5));
            case MALFORMED -> MockResponse.sse(frames.get(0), "event: content_block_delta\ndata: {garbage\n\n", "junk\n\n");
            case STALLS -> MockResponse.sse(frames).gateBefore(3, delay(5_000));
        };
    }

    /** The answer of an OpenAI upstream for this fault. */
    MockResponse openai(String text, int attempt) {
        List<String> chunks = OpenAiFixtures.textChunks(text.substring(0, text.length() / 2), text.substring(text.length() / 2));
        return switch (this) {
            case GOOD -> MockResponse.chunks(chunks);
            case SLOW -> MockResponse.chunks(chunks).gateBefore(1, delay(200)).gateBefore(3, delay(300));
            case OVERLOADED_ONCE -> attempt == 0
                    ? MockResponse.json(529, "{\"error\":{\"message\":\"overloaded\"}}").withHeader("retry-after", "0")
                    : MockResponse.chunks(chunks);
            case SERVER_ERROR -> MockResponse.json(500, "{\"error\":{\"message\":\"boom\"}}");
            case RATE_LIMITED -> MockResponse.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("retry-after", "120");
            case RESET_MID_STREAM -> MockResponse.chunksWithoutDone(chunks.subList(0, 2)).thenDisconnect();
            case ERROR_EVENT -> MockResponse.chunks(chunks.get(0), chunks.get(1), OpenAiFixtures.errorChunk("server_error", "crashed"));
            case ENDS_EARLY -> MockResponse.chunksWithoutDone(chunks.subList(0, 2));
            case MALFORMED -> MockResponse.chunks(chunks.get(0), chunks.get(1), "{garbage");
            case STALLS -> MockResponse.chunks(chunks).gateBefore(2, delay(5_000));
        };
    }

    private static CompletableFuture<Void> delay(long millis) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }
}
