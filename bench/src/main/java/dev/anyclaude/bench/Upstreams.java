package dev.anyclaude.bench;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import dev.anyclaude.testkit.SseResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The two mock upstreams every target of a run shares (the proxy, the peers and the direct client ask the same
 * servers): an Anthropic and an OpenAI one on 127.0.0.1, answering at once with JSON or a stream as the request
 * asks. A request whose text contains {@link #DRIP} gets a drip stream instead: its frames leave {@code gapMillis}
 * apart, each token carrying marker {@code zq01}, {@code zq02}, ..., and {@link #scheduled(int)} tells when the
 * frame of each marker was due to leave (one drip request at a time).
 */
final class Upstreams implements AutoCloseable {
    static final String DRIP = "drip please";
    static final int DRIP_TOKENS = 5;

    final MockAnthropicServer anthropic;
    final MockOpenAiServer openai;
    private final long gapNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "drip-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final long[] schedule = new long[MarkerClock.MAX];

    Upstreams(long gapMillis) {
        this.gapNanos = TimeUnit.MILLISECONDS.toNanos(gapMillis);
        MockResponse anthropicJson = MockResponse.json(200, AnthropicFixtures.messageJson());
        MockResponse anthropicSse = MockResponse.sse(AnthropicFixtures.textStreamFrames("zq00 Hi there."));
        MockResponse openaiJson = MockResponse.json(200, OpenAiFixtures.completionJson("zq00 Hi there."));
        MockResponse openaiSse = MockResponse.chunks(OpenAiFixtures.textChunks("zq00 Hi", " there."));
        anthropic = new MockAnthropicServer();
        anthropic.setRecording(false);
        anthropic.dispatch(MockAnthropicServer.MESSAGES, request -> answer(request, anthropicJson, anthropicSse, false));
        anthropic.start();
        openai = new MockOpenAiServer();
        openai.setRecording(false);
        openai.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> answer(request, openaiJson, openaiSse, true));
        openai.start();
    }

    private MockResponse answer(RecordedRequest request, MockResponse json, MockResponse sse, boolean openAi) {
        String body = request.bodyUtf8();
        if (body.contains(DRIP)) {
            return drip(openAi);
        }
        return body.contains("\"stream\":true") || body.contains("\"stream\": true") ? sse : json;
    }

    /** When the frame carrying marker {@code index} of the latest drip stream was due to leave (nanoTime). */
    synchronized long scheduled(int index) {
        return schedule[index];
    }

    private synchronized SseResponse drip(boolean openAi) {
        List<String> tokens = new ArrayList<>();
        for (int k = 1; k <= DRIP_TOKENS; k++) {
            tokens.add(MarkerClock.marker(k) + " ");
        }
        SseResponse response;
        int firstTokenFrame;
        if (openAi) {
            response = MockResponse.chunks(OpenAiFixtures.textChunks(tokens.toArray(String[]::new)));
            firstTokenFrame = 1;
        } else {
            List<String> frames = new ArrayList<>();
            frames.add(AnthropicFixtures.textStreamFrames("").getFirst());
            frames.add(AnthropicFixtures.frame("content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            for (String token : tokens) {
                frames.add(AnthropicFixtures.frame("content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                                + token + "\"}}"));
            }
            List<String> ends = AnthropicFixtures.textStreamFrames("");
            frames.addAll(ends.subList(ends.size() - 3, ends.size()));
            response = MockResponse.sse(frames);
            firstTokenFrame = 2;
        }
        long start = System.nanoTime();
        int frames = response.frames().size();
        for (int i = 1; i < frames; i++) {
            CompletableFuture<Void> due = new CompletableFuture<>();
            long delay = i * gapNanos;
            timer.schedule(() -> due.complete(null), delay, TimeUnit.NANOSECONDS);
            response = response.gateBefore(i, due);
        }
        for (int k = 1; k <= DRIP_TOKENS; k++) {
            schedule[k] = start + (firstTokenFrame + k - 1) * gapNanos;
        }
        return response;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        anthropic.close();
        openai.close();
    }
}
