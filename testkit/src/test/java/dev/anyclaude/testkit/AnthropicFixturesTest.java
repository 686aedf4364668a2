package dev.anyclaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** PROTOCOLS.md 3.3, copied verbatim. */
    private static final String TEXT_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01A","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type":"ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi there."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    /** PROTOCOLS.md 3.4, copied verbatim. */
    private static final String TOOL_USE_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01B","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":300,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01X","name":"Read","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"file_path\\": \\"READ"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"ME.md\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":40}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @Test
    void textStreamIsTheProtocolExampleByteForByte() {
        assertEquals(TEXT_STREAM, AnthropicFixtures.join(AnthropicFixtures.textStreamFrames()));
    }

    @Test
    void toolUseStreamIsTheProtocolExampleByteForByte() {
        assertEquals(TOOL_USE_STREAM, AnthropicFixtures.join(AnthropicFixtures.toolUseStreamFrames()));
    }

    @Test
    void everyFrameNamesItsEventAndCarriesMatchingJson() throws Exception {
        for (List<String> frames : List.of(AnthropicFixtures.textStreamFrames(), AnthropicFixtures.toolUseStreamFrames(),
                AnthropicFixtures.thinkingStreamFrames(), AnthropicFixtures.midStreamErrorFrames())) {
            for (String frame : frames) {
                String[] lines = frame.split("\n", -1);
                assertEquals(4, lines.length, frame);
                assertTrue(lines[0].startsWith("event: "), frame);
                assertTrue(lines[1].startsWith("data: "), frame);
                assertEquals("", lines[2]);
                assertEquals("", lines[3]);
                JsonNode data = JSON.readTree(lines[1].substring("data: ".length()));
                assertEquals(lines[0].substring("event: ".length()), data.get("type").asText(), frame);
            }
        }
    }

    @Test
    void toolInputDeltasConcatenateToValidJson() throws Exception {
        StringBuilder input = new StringBuilder();
        for (String frame : AnthropicFixtures.toolUseStreamFrames()) {
            JsonNode data = JSON.readTree(frame.split("\n")[1].substring("data: ".length()));
            if (data.path("delta").path("type").asText().equals("input_json_delta")) {
                input.append(data.get("delta").get("partial_json").asText());
            }
        }
        assertEquals("README.md", JSON.readTree(input.toString()).get("file_path").asText());
    }

    @Test
    void thinkingStreamSignsTheThinkingBlockBeforeTextFollows() throws Exception {
        List<String> types = AnthropicFixtures.thinkingStreamFrames().stream()
                .map(f -> readData(f))
                .map(d -> d.path("delta").path("type").asText(d.path("content_block").path("type").asText(d.get("type").asText())))
                .toList();
        assertEquals(List.of("message_start", "thinking", "thinking_delta", "thinking_delta", "signature_delta",
                "content_block_stop", "text", "text_delta", "content_block_stop", "message_delta", "message_stop"), types);
    }

    @Test
    void midStreamErrorHasNoMessageStop() {
        List<String> frames = AnthropicFixtures.midStreamErrorFrames();
        assertTrue(frames.getLast().startsWith("event: error\n"));
        assertTrue(frames.getLast().contains("\"overloaded_error\""));
        assertFalse(frames.stream().anyMatch(f -> f.startsWith("event: message_stop")));
    }

    @Test
    void errorBodyHasTheApiShape() {
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
                        + "\"request_id\":\"req_1\"}",
                AnthropicFixtures.errorBody("overloaded_error", "Overloaded", "req_1"));
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"say \\\"hi\\\"\"},"
                        + "\"request_id\":null}",
                AnthropicFixtures.errorBody("api_error", "say \"hi\"", null));
    }

    @Test
    void errorTypeFollowsTheStatusTable() {
        assertEquals("invalid_request_error", AnthropicFixtures.errorTypeFor(400));
        assertEquals("authentication_error", AnthropicFixtures.errorTypeFor(401));
        assertEquals("rate_limit_error", AnthropicFixtures.errorTypeFor(429));
        assertEquals("api_error", AnthropicFixtures.errorTypeFor(500));
        assertEquals("overloaded_error", AnthropicFixtures.errorTypeFor(529));
        assertEquals("invalid_request_error", AnthropicFixtures.errorTypeFor(422));
        assertEquals("api_error", AnthropicFixtures.errorTypeFor(503));
    }

    @Test
    void errorResponseCarriesRequestIdHeaderAndBody() throws Exception {
        FixedResponse response = AnthropicFixtures.errorResponse(429, "Rate limited");
        JsonNode body = JSON.readTree(response.body());
        assertEquals(429, response.status());
        assertEquals("rate_limit_error", body.get("error").get("type").asText());
        assertEquals(body.get("request_id").asText(), response.headers().first("request-id").orElseThrow());
    }

    @Test
    void messageJsonIsACompleteNonStreamAnswer() throws Exception {
        JsonNode message = JSON.readTree(AnthropicFixtures.messageJson("msg_x", "claude\"q", "line\nnext"));
        assertEquals("message", message.get("type").asText());
        assertEquals("claude\"q", message.get("model").asText());
        assertEquals("line\nnext", message.get("content").get(0).get("text").asText());
        assertEquals("end_turn", message.get("stop_reason").asText());
    }

    @Test
    void otherEndpointsAreValidJson() throws Exception {
        assertEquals(7, JSON.readTree(AnthropicFixtures.countTokensJson(7)).get("input_tokens").asInt());
        JsonNode models = JSON.readTree(AnthropicFixtures.modelsJson("a", "b"));
        assertEquals("a", models.get("first_id").asText());
        assertEquals("b", models.get("last_id").asText());
        assertEquals(2, models.get("data").size());
    }

    private static JsonNode readData(String frame) {
        try {
            return JSON.readTree(frame.split("\n")[1].substring("data: ".length()));
        } catch (Exception e) {
            throw new AssertionError(frame, e);
        }
    }

    @Test
    void anyToolUseStreamReassemblesToItsInput() throws Exception {
        String input = "{\"file_path\":\"/tmp/x/hello.txt\",\"content\":\"h\u00e9 \ud83d\ude00\\n\"}";
        List<String> frames = AnthropicFixtures.toolUseStreamFrames("toolu_9", "Write", input);

        JsonNode start = JSON.readTree(frames.get(1).split("data: ", 2)[1]).get("content_block");
        assertEquals("toolu_9", start.get("id").asText());
        assertEquals("Write", start.get("name").asText());
        StringBuilder joined = new StringBuilder();
        for (String frame : frames.subList(2, 5)) {
            joined.append(JSON.readTree(frame.split("data: ", 2)[1]).get("delta").get("partial_json").asText());
        }
        assertEquals(input, joined.toString());
        assertTrue(frames.get(6).contains("\"stop_reason\":\"tool_use\""));
    }

    @Test
    void textStreamCarriesAnyText() throws Exception {
        List<String> frames = AnthropicFixtures.textStreamFrames("Done \"now\".");

        assertEquals(AnthropicFixtures.textStreamFrames().size(), frames.size());
        assertEquals("Done \"now\".",
                JSON.readTree(frames.get(3).split("data: ", 2)[1]).get("delta").get("text").asText());
    }
}
