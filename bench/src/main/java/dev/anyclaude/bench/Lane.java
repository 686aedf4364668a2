package dev.anyclaude.bench;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.MockServer;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.nio.charset.StandardCharsets;

/**
 * One benchmarked path: which mock upstream answers, what the proxy's backend is, and the request a client sends
 * directly to the mock and through the proxy (the same question in each side's own protocol).
 */
enum Lane {
    PASSTHROUGH_JSON("anthropic", false),
    PASSTHROUGH_SSE("anthropic", true),
    OPENAI_JSON("openai", false),
    OPENAI_SSE("openai", true),
    /**
     * An Anthropic-compatible server (ollama, lmstudio on their native API) with the tool-calls middleware, which is
     * on for it by default and works on events: the request declares a tool, as Claude Code's do, so the proxy reads
     * the relayed stream as events, repairs and writes them again. Not one of the lanes (no target).
     */
    COMPATIBLE_TOOLS_SSE("compatible", true),
    /**
     * The passthrough stream with a request the size and shape of a Claude Code turn ({@link ClaudeCodeTurn}, about
     * 50 KB) instead of the other lanes' 130 bytes: what the proxy costs per turn as Claude Code really calls it.
     * Not one of the lanes (no target).
     */
    CLAUDE_CODE_TURN("anthropic", true),
    /**
     * The same Claude Code turn to an OpenAI-compatible server: the proxy translates it, the direct client sends the
     * Chat Completions request it becomes ({@link ClaudeCodeTurn#openAiBody}). Not one of the lanes.
     */
    CLAUDE_CODE_TURN_OPENAI("openai", true);

    /** A tool as Claude Code declares one, for the lanes whose middleware only works when the request has tools. */
    private static final String TOOLS = ",\"tools\":[{\"name\":\"Read\",\"description\":\"Reads a file\","
            + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"}},"
            + "\"required\":[\"file_path\"]}}]";

    static final String QUESTION = "Say hi in one word.";

    final String backendType;
    final boolean stream;

    Lane(String backendType, boolean stream) {
        this.backendType = backendType;
        this.stream = stream;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    boolean openai() {
        return backendType.equals("openai");
    }

    /** Whether the proxy loads the tool-calls plugin for this lane (the others run without it, as before). */
    boolean withToolCalls() {
        return backendType.equals("compatible");
    }

    /** A running mock upstream scripted for this lane, forever, with recording off. */
    MockServer startUpstream() {
        if (openai()) {
            MockOpenAiServer server = new MockOpenAiServer().start();
            server.setRecording(false);
            // A stream for a streaming request (the proxy asks as its client asks), one JSON completion otherwise.
            server.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> request.bodyUtf8().contains("\"stream\":true")
                    ? MockResponse.chunks(OpenAiFixtures.textChunks("Hi", " there."))
                    : MockResponse.json(200, OpenAiFixtures.completionJson("Hi there.")));
            return server;
        }
        MockAnthropicServer server = new MockAnthropicServer().start();
        server.setRecording(false);
        server.setDefault(stream ? MockResponse.sse(AnthropicFixtures.textStreamFrames())
                : MockResponse.json(200, AnthropicFixtures.messageJson()));
        return server;
    }

    /** The path a client asks the upstream directly. */
    String directPath() {
        return openai() ? "/v1/chat/completions" : "/v1/messages?beta=true";
    }

    /** The body a client sends the upstream directly. */
    byte[] directBody() {
        if (!openai()) {
            return proxyBody();
        }
        if (this == CLAUDE_CODE_TURN_OPENAI) {
            return ClaudeCodeTurn.openAiBody(QUESTION);
        }
        return ("{\"model\":\"m\",\"max_tokens\":1024,\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + QUESTION + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** The Anthropic Messages body a client sends the proxy. */
    byte[] proxyBody() {
        if (this == CLAUDE_CODE_TURN || this == CLAUDE_CODE_TURN_OPENAI) {
            return ClaudeCodeTurn.body(QUESTION);
        }
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":" + stream
                + (backendType.equals("compatible") ? TOOLS : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** The proxy's backend entry pointing at this lane's mock. */
    String backendJson(String upstreamBaseUrl) {
        if (openai()) {
            return "{\"type\":\"openai\",\"baseUrl\":\"" + upstreamBaseUrl + "/v1\",\"apiKey\":\"bench\"}";
        }
        return "{\"type\":\"anthropic\",\"baseUrl\":\"" + upstreamBaseUrl + "\",\"apiKeyEnv\":\"ANYCLAUDE_BENCH_UNSET\""
                + (backendType.equals("compatible") ? ",\"mode\":\"compatible\"" : "") + "}";
    }
}
