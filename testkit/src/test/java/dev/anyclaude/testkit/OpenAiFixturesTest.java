package dev.anyclaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode parse(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static JsonNode delta(String chunk) throws Exception {
        return parse(chunk).get("choices").get(0).get("delta");
    }

    @Test
    void everyChunkOfAStreamSharesIdObjectAndModel() throws Exception {
        for (String chunk : OpenAiFixtures.textChunks("a", "b")) {
            JsonNode node = parse(chunk);
            assertEquals(OpenAiFixtures.ID, node.get("id").asText());
            assertEquals("chat.completion.chunk", node.get("object").asText());
            assertEquals(OpenAiFixtures.MODEL, node.get("model").asText());
        }
    }

    @Test
    void textStreamIsRoleThenPiecesThenStop() throws Exception {
        List<String> chunks = OpenAiFixtures.textChunks("Hel", "lo \"you\"\n");

        assertEquals(4, chunks.size());
        assertEquals("assistant", delta(chunks.get(0)).get("role").asText());
        assertEquals("Hel", delta(chunks.get(1)).get("content").asText());
        assertEquals("lo \"you\"\n", delta(chunks.get(2)).get("content").asText());
        assertTrue(parse(chunks.get(1)).get("choices").get(0).get("finish_reason").isNull());
        assertEquals("stop", parse(chunks.get(3)).get("choices").get(0).get("finish_reason").asText());
    }

    @Test
    void reasoningGoesInEitherFieldName() throws Exception {
        assertEquals("hmm", delta(OpenAiFixtures.reasoningChunk("hmm")).get("reasoning").asText());
        assertEquals("hmm", delta(OpenAiFixtures.reasoningContentChunk("hmm")).get("reasoning_content").asText());
    }

    @Test
    void toolCallFragmentsFollowTheSpec() throws Exception {
        JsonNode start = delta(OpenAiFixtures.toolCallStartChunk(0, "call_1", "Read")).get("tool_calls").get(0);
        assertEquals(0, start.get("index").asInt());
        assertEquals("call_1", start.get("id").asText());
        assertEquals("function", start.get("type").asText());
        assertEquals("Read", start.get("function").get("name").asText());
        assertEquals("", start.get("function").get("arguments").asText());

        JsonNode more = delta(OpenAiFixtures.toolCallArgumentsChunk(0, "{\"a\":")).get("tool_calls").get(0);
        assertFalse(more.has("id"));
        assertFalse(more.has("type"));
        assertFalse(more.get("function").has("name"));
        assertEquals("{\"a\":", more.get("function").get("arguments").asText());
    }

    @Test
    void toolCallChunkLeavesOutWhatIsNullForQuirkyServers() throws Exception {
        JsonNode noIndex = delta(OpenAiFixtures.toolCallChunk(null, "c", "Bash", "{}")).get("tool_calls").get(0);
        assertFalse(noIndex.has("index"));
        assertEquals("{}", noIndex.get("function").get("arguments").asText());
    }

    @Test
    void toolCallStreamReassemblesToTheArguments() throws Exception {
        String arguments = "{\"file_path\":\"README.md\"}";
        List<String> chunks = OpenAiFixtures.toolCallChunks("call_1", "Read", arguments);

        StringBuilder joined = new StringBuilder();
        for (String chunk : chunks.subList(0, 3)) {
            joined.append(delta(chunk).get("tool_calls").get(0).get("function").get("arguments").asText());
        }
        assertEquals(arguments, joined.toString());
        assertEquals("tool_calls", parse(chunks.get(3)).get("choices").get(0).get("finish_reason").asText());
        assertTrue(parse(chunks.get(4)).get("choices").isEmpty());
    }

    @Test
    void usageChunkHasNoChoicesAndCachedTokens() throws Exception {
        JsonNode usage = parse(OpenAiFixtures.usageChunk(50, 12, 32)).get("usage");
        assertEquals(62, usage.get("total_tokens").asInt());
        assertEquals(32, usage.get("prompt_tokens_details").get("cached_tokens").asInt());
    }

    @Test
    void midStreamErrorChunkHasTopLevelErrorAndErrorFinish() throws Exception {
        JsonNode node = parse(OpenAiFixtures.errorChunk("server_error", "Provider disconnected"));
        assertEquals("server_error", node.get("error").get("code").asText());
        assertEquals("error", node.get("choices").get(0).get("finish_reason").asText());
    }

    @Test
    void completionCarriesToolCallsWithStringArguments() throws Exception {
        JsonNode choice = parse(OpenAiFixtures.completionJson(null,
                List.of(new OpenAiFixtures.ToolCall("call_9", "Write", "{\"x\":1}")), "tool_calls")).get("choices").get(0);
        assertTrue(choice.get("message").get("content").isNull());
        JsonNode call = choice.get("message").get("tool_calls").get(0);
        assertEquals("Write", call.get("function").get("name").asText());
        assertEquals("{\"x\":1}", call.get("function").get("arguments").asText());
        assertEquals("tool_calls", choice.get("finish_reason").asText());
        assertEquals("chat.completion", parse(OpenAiFixtures.completionJson("x")).get("object").asText());
    }

    @Test
    void errorBodiesHaveEachServersShape() throws Exception {
        assertEquals("bad", parse(OpenAiFixtures.errorBody("bad", "invalid_request_error", "model", null))
                .get("error").get("message").asText());
        assertEquals("error", parse(OpenAiFixtures.vllmErrorBody("bad", "BadRequestError", 400)).get("object").asText());
        assertEquals("Content-Length header is required",
                parse(OpenAiFixtures.mlxErrorBody("Content-Length header is required")).get("error").asText());
        assertEquals(429, parse(OpenAiFixtures.openRouterErrorBody(429, "slow down")).get("error").get("code").asInt());
        assertEquals(503, OpenAiFixtures.errorResponse(503, "down").status());
        assertEquals("server_error", OpenAiFixtures.errorTypeFor(503));
    }

    @Test
    void modelsListIsAnOpenAiList() throws Exception {
        JsonNode models = parse(OpenAiFixtures.modelsJson("a", "b"));
        assertEquals("list", models.get("object").asText());
        assertEquals("b", models.get("data").get(1).get("id").asText());
    }

    @Test
    void sseFramesFrameChunksAndComments() {
        assertEquals(List.of(": keepalive 1/2\n\n", "data: {}\n\n", "data: [DONE]\n\n"),
                OpenAiFixtures.sseFrames(List.of(OpenAiFixtures.comment("keepalive 1/2"), "{}"), true));
        assertEquals(List.of("data: {}\n\n"), OpenAiFixtures.sseFrames(List.of("{}"), false));
    }
}
