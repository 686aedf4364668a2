package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.api.model.ToolChoice;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolPromptRewriterTest {
    private static final Tool READ = Tool.of("Read", "Reads a file", Map.of("type", "object",
            "properties", Map.of("file_path", Map.of("type", "string")), "required", List.of("file_path")));
    private static final ToolPromptRewriter HERMES = ToolPromptRewriter.forFormat(null);

    private static MessagesRequest request(List<Tool> tools, ToolChoice choice, InputMessage... messages) {
        return new MessagesRequest("m", 100, List.of(messages), null, null, null, null, null, true, tools, choice,
                null, null, null, null, null, Map.of());
    }

    private static InputMessage user(ContentBlock... blocks) {
        return new InputMessage("user", Content.of(blocks));
    }

    @Test
    void aRequestWithoutToolsOrToolHistoryIsLeftAsItIs() {
        MessagesRequest plain = request(null, null, user(new ContentBlock.Text("hi")));
        assertThat(HERMES.rewrite(plain)).isSameAs(plain);
    }

    @Test
    void withoutASystemPromptTheToolSectionBecomesTheSystemPrompt() {
        MessagesRequest out = HERMES.rewrite(request(List.of(READ), null, user(new ContentBlock.Text("hi"))));
        assertThat(out.tools()).isNull();
        assertThat(out.system().blocks()).hasSize(1);
        assertThat(out.system().text()).startsWith("# Tools").contains("\"name\":\"Read\"").contains("<tool_call>");
        assertThat(out.messages()).isEqualTo(List.of(user(new ContentBlock.Text("hi"))));
    }

    @Test
    void toolChoiceBecomesAnInstruction() {
        InputMessage hi = user(new ContentBlock.Text("hi"));
        assertThat(HERMES.rewrite(request(List.of(READ), new ToolChoice.Any(null), hi)).system().text())
                .endsWith("You must call at least one function in this answer.");
        assertThat(HERMES.rewrite(request(List.of(READ), new ToolChoice.Named("Read", true), hi)).system().text())
                .endsWith("You must call the function Read in this answer.\n\nCall at most one function per answer.");
        assertThat(HERMES.rewrite(request(List.of(READ), new ToolChoice.None(), hi)).system().text())
                .endsWith("Do not call any function in this answer.");
        MessagesRequest auto = HERMES.rewrite(request(List.of(READ), new ToolChoice.Auto(null), hi));
        assertThat(auto.toolChoice()).isNull();
        assertThat(auto.system().text()).endsWith("</tool_call>");
    }

    @Test
    void imagesInAResultFollowItsTextAndAResultWithoutItsCallStillReadsAsAResult() {
        ContentBlock.Image image = new ContentBlock.Image(
                new ContentBlock.Source("base64", "image/png", "AAAA", null, null, Map.of()), Map.of());
        MessagesRequest out = HERMES.rewrite(request(List.of(READ), null,
                user(new ContentBlock.ToolResult("toolu_gone", Content.of(new ContentBlock.Text("a picture"), image),
                        null, Map.of()))));
        assertThat(out.messages().getFirst().content().blocks())
                .containsExactly(new ContentBlock.Text("<tool_response>\na picture\n</tool_response>"), image);
    }

    @Test
    void aResultWithoutContentIsAnEmptyResponse() {
        MessagesRequest out = HERMES.rewrite(request(null, null,
                user(new ContentBlock.ToolResult("toolu_1", null, true, Map.of()))));
        assertThat(out.messages().getFirst().content().text())
                .isEqualTo("<tool_response>\n" + PrintedResult.ERROR_PREFIX + "\n</tool_response>");
        assertThat(out.system()).isNull();
    }

    @Test
    void formatsAreFoundByAliasAndAnUnknownOneNamesTheKnownOnes() {
        assertThat(ToolPromptRewriter.forFormat("Qwen3_Coder").format()).isEqualTo("qwen3-coder");
        assertThat(ToolPromptRewriter.forFormat("gpt-oss").format()).isEqualTo("harmony");
        assertThat(ToolPromptRewriter.forFormat(" ").format()).isEqualTo("hermes");
        assertThatThrownBy(() -> ToolPromptRewriter.forFormat("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("format: must be one of hermes, qwen3-coder, mistral")
                .hasMessageEndingWith("not \"xml\"");
        PromptFormats.aliases().forEach((alias, name) ->
                assertThat(ToolPromptRewriter.forFormat(alias).format()).as(alias).isEqualTo(name));
    }

    @Test
    void mistralMeansTheNewerFormForDevstralMagistralAndMinistral() {
        InputMessage call = new InputMessage("assistant", Content.of(new ContentBlock.ToolUse("toolu_1", "Read",
                Map.of("file_path", "a.txt"), Map.of())));
        ToolPromptRewriter mistral = ToolPromptRewriter.forFormat("mistral");
        MessagesRequest older = request(List.of(READ), null, call);
        MessagesRequest newer = new MessagesRequest("mistralai/Devstral-Small-2507", 100, older.messages(), null,
                null, null, null, null, true, older.tools(), null, null, null, null, null, null, Map.of());
        assertThat(mistral.rewrite(older).messages().getFirst().content().text())
                .isEqualTo("[TOOL_CALLS] [{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a.txt\"},\"id\":\"call00000\"}]");
        assertThat(mistral.rewrite(newer).messages().getFirst().content().text())
                .isEqualTo("[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a.txt\"}");
        assertThat(mistral.rewrite(newer).system().text()).startsWith("[AVAILABLE_TOOLS][{");
    }

    @Test
    void aBlockOfAnUnknownTypeInAResultIsShownAsJson() {
        ContentBlock reference = new ContentBlock.Unknown(Map.of("type", "tool_reference", "tool_name", "Read"));
        MessagesRequest out = HERMES.rewrite(request(null, null,
                user(new ContentBlock.ToolResult("toolu_1", Content.of(new ContentBlock.Text("found"), reference),
                        null, Map.of()))));
        assertThat(out.messages().getFirst().content().text()).startsWith("<tool_response>\nfound\n{")
                .contains("\"tool_name\":\"Read\"", "\"type\":\"tool_reference\"");
    }
}
