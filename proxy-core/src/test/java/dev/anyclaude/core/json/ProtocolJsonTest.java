package dev.anyclaude.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.ThinkingConfig;
import dev.anyclaude.api.model.ToolChoice;
import dev.anyclaude.api.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {
    private final ProtocolJson json = new ProtocolJson();

    private byte[] fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void longStringsAreWrittenAsJacksonWritesThem() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        String prose = "Read the file.\n\tThen \"edit\" it \\ carefully; \u0001 \u001f \u007f ? done. ".repeat(4);
        for (String text : List.of(prose, prose + "é", prose + "\uD83D\uDE00", prose + "\uD800", "short\n")) {
            assertThat(json.write(Map.of("text", text))).as(text).isEqualTo(plain.writeValueAsBytes(Map.of("text", text)));
            ContentBlock.Text block = new ContentBlock.Text(text, Map.of());
            assertThat(json.read(json.write(block), ContentBlock.class)).isEqualTo(block);
        }
        MessagesRequest request = json.read(fixture("claude-code-request.json"), MessagesRequest.class);
        assertThat(json.read(json.write(request), MessagesRequest.class)).isEqualTo(request);
    }

    @Test
    void claudeCodeRequestReadsIntoRecordsWithEveryField() throws IOException {
        MessagesRequest request = json.read(fixture("claude-code-request.json"), MessagesRequest.class);

        assertThat(request.model()).isEqualTo("claude-opus-5-5");
        assertThat(request.maxTokens()).isEqualTo(128000);
        assertThat(request.isStreaming()).isTrue();
        assertThat(request.thinking()).isEqualTo(new ThinkingConfig.Adaptive("omitted"));
        assertThat(request.outputConfig().effort()).isEqualTo("medium");
        assertThat(request.contextManagement()).containsKey("edits");
        assertThat(request.metadata()).containsKey("user_id");
        assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Auto(true));
        assertThat(request.topK()).isEqualTo(5);
        assertThat(request.system().blocks()).hasSize(3);
        assertThat(request.messages()).extracting(InputMessage::role)
                .containsExactly("user", "system", "assistant", "user", "system");
        assertThat(request.messages().get(4).content()).isEqualTo(Content.of("later turns send a plain string"));

        List<ContentBlock> assistant = request.messages().get(2).content().blocks();
        assertThat(assistant).hasExactlyElementsOfTypes(ContentBlock.Thinking.class, ContentBlock.RedactedThinking.class,
                ContentBlock.Text.class, ContentBlock.ToolUse.class, ContentBlock.Unknown.class);
        assertThat(((ContentBlock.ToolUse) assistant.get(3)).input()).containsEntry("limit", 20);
        assertThat(assistant.get(4).type()).isEqualTo("server_tool_use");

        List<ContentBlock> results = request.messages().get(3).content().blocks();
        ContentBlock.ToolResult result = (ContentBlock.ToolResult) results.get(0);
        assertThat(result.content().text()).isEqualTo("# hello");
        assertThat(result.failed()).isFalse();
        assertThat(result.extra()).containsKey("cache_control");
        assertThat(((ContentBlock.Image) results.get(1)).source().mediaType()).isEqualTo("image/png");
        assertThat(((ContentBlock.Document) results.get(2)).title()).isEqualTo("T");

        assertThat(request.tools()).hasSize(3);
        assertThat(request.tools().get(0).inputSchema()).containsKey("$schema");
        assertThat(request.tools().get(1).deferLoading()).isTrue();
        assertThat(request.tools().get(2).isClientTool()).isFalse();
        assertThat(request.tools().get(2).extra()).containsEntry("max_uses", 3);
        assertThat(request.extra()).containsKeys("cache_control", "future_field");
    }

    @Test
    void claudeCodeRequestSurvivesAWriteUnchangedInMeaning() throws IOException {
        byte[] original = fixture("claude-code-request.json");
        byte[] written = json.write(json.read(original, MessagesRequest.class));

        JsonNode before = normaliseStrings(json.mapper().readTree(original));
        JsonNode after = json.mapper().readTree(written);
        assertThat(after.equals(ProtocolJsonTest::sameValue, before)).as("%s%nvs%n%s", after, before).isTrue();
    }

    /** Numbers compare by value: {@code 1} and {@code 1.0} are the same temperature. */
    private static int sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.equals(b) ? 0 : 1;
    }

    /** A string {@code content} is the same as one text block; the codec writes the block form. */
    private JsonNode normaliseStrings(JsonNode root) {
        String text = root.toString().replace("\"content\":\"later turns send a plain string\"",
                "\"content\":[{\"type\":\"text\",\"text\":\"later turns send a plain string\"}]")
                .replace("\"content\":\"# hello\"", "\"content\":[{\"type\":\"text\",\"text\":\"# hello\"}]");
        try {
            return json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void enabledThinkingAndEveryToolChoiceRead() {
        String body = """
                {"model":"m","max_tokens":32000,"messages":[],"thinking":{"type":"enabled","budget_tokens":31999,"display":"omitted"},
                 "tool_choice":{"type":"tool","name":"Read"}}""";
        MessagesRequest request = json.read(body.getBytes(StandardCharsets.UTF_8), MessagesRequest.class);
        assertThat(request.thinking()).isEqualTo(new ThinkingConfig.Enabled(31999, "omitted"));
        assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Named("Read", null));
        for (String type : List.of("auto", "any", "none")) {
            MessagesRequest other = json.read(("{\"model\":\"m\",\"messages\":[],\"tool_choice\":{\"type\":\"" + type + "\"}}")
                    .getBytes(StandardCharsets.UTF_8), MessagesRequest.class);
            assertThat(other.toolChoice().type()).isEqualTo(type);
        }
    }

    @Test
    void streamEventsWriteTheirWireShape() {
        assertThat(text(new StreamEvent.ContentBlockDelta(0, new Delta.InputJsonDelta(""))))
                .isEqualTo("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}");
        assertThat(text(new StreamEvent.MessageDelta(StreamEvent.StopInfo.of("end_turn"), Usage.of(3, 5))))
                .isEqualTo("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":5}}");
        assertThat(text(new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, Usage.of(1, 1), Map.of()))))
                .isEqualTo("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}");
        assertThat(text(new StreamEvent.ContentBlockStart(1, new ContentBlock.ToolUse("toolu_1", "Read", Map.of(), Map.of()))))
                .isEqualTo("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}}");
        assertThat(text(new StreamEvent.MessageStop())).isEqualTo("{\"type\":\"message_stop\"}");
        assertThat(text(new StreamEvent.Ping())).isEqualTo("{\"type\":\"ping\"}");
    }

    @Test
    void streamEventsReadBackIncludingUnknownOnes() {
        StreamEvent error = json.read("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                .getBytes(StandardCharsets.UTF_8), StreamEvent.class);
        assertThat(error).isEqualTo(new StreamEvent.Error(new StreamEvent.ErrorBody("overloaded_error", "Overloaded")));
        StreamEvent future = json.read("{\"type\":\"future_event\",\"x\":1}".getBytes(StandardCharsets.UTF_8), StreamEvent.class);
        assertThat(future.type()).isEqualTo("future_event");
        assertThat(text(future)).contains("\"x\":1").contains("\"type\":\"future_event\"");
        StreamEvent delta = json.read("{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"s\"}}"
                .getBytes(StandardCharsets.UTF_8), StreamEvent.class);
        assertThat(delta).isEqualTo(new StreamEvent.ContentBlockDelta(2, new Delta.SignatureDelta("s")));
    }

    @Test
    void illTypedFieldsAreInvalidRequestsNamingTheField() {
        assertThatThrownBy(() -> json.read("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}"
                .getBytes(StandardCharsets.UTF_8), MessagesRequest.class))
                .isInstanceOfSatisfying(AnthropicException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(e.getMessage()).startsWith("messages.0.content");
                });
        assertThatThrownBy(() -> json.read("{\"model\":".getBytes(StandardCharsets.UTF_8), MessagesRequest.class))
                .isInstanceOf(AnthropicException.class).hasMessageStartingWith("malformed JSON");
    }

    private String text(Object value) {
        return new String(json.write(value), StandardCharsets.UTF_8);
    }
}
