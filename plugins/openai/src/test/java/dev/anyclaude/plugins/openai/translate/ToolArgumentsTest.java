package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {
    private final OpenAiJson json = new OpenAiJson();

    @Test
    void objectArgumentsPassThroughAsTheyArrive() {
        ToolArguments arguments = new ToolArguments();
        arguments.append("  {\"a\":");
        assertThat(arguments.drain()).isEqualTo("{\"a\":");
        arguments.append("1}");
        assertThat(arguments.drain()).isEqualTo("1}");
        assertThat(arguments.complete()).isTrue();
        assertThat(arguments.finish(json)).isEmpty();
    }

    @Test
    void fragmentsAfterACompleteObjectAreIgnored() {
        ToolArguments arguments = new ToolArguments();
        arguments.append("{\"a\":1}");
        arguments.append("{\"a\":1}");
        arguments.append("\"{\\\"a\\\":1}\"");
        assertThat(arguments.drain()).isEqualTo("{\"a\":1}");
        assertThat(arguments.finish(json)).isEmpty();
    }

    @Test
    void doubleEncodedArgumentsAreUnwrapped() {
        ToolArguments arguments = new ToolArguments();
        arguments.append("\"{\\\"command\\\": ");
        arguments.append("\\\"ls\\\"}\"");
        assertThat(arguments.drain()).isEmpty();
        assertThat(arguments.finish(json)).isEqualTo("{\"command\":\"ls\"}");
    }

    @Test
    void textThatIsNotAnObjectIsWrappedSoItStillParses() {
        ToolArguments arguments = new ToolArguments();
        arguments.append("[1, 2]");
        assertThat(arguments.finish(json)).isEqualTo("{\"_raw_arguments\":\"[1, 2]\"}");
    }

    @Test
    void noArgumentsSendNothingSoTheInputStaysEmpty() {
        ToolArguments arguments = new ToolArguments();
        arguments.append("");
        arguments.append(" \n");
        arguments.append(null);
        assertThat(arguments.drain()).isEmpty();
        assertThat(arguments.finish(json)).isEmpty();
        assertThat(arguments.complete()).isFalse();
    }

    @Test
    void argumentsThatGoInvalidAreClosedAtTheLastValidPoint() {
        ToolArguments arguments = new ToolArguments();
        arguments.append("{\"path\":\"a\",\"n\":x1}");
        String sent = arguments.drain() + arguments.finish(json);
        assertThat(sent).isEqualTo("{\"path\":\"a\",\"n\":null}");
        assertThat(TestJson.tree(sent).isObject()).isTrue();
    }
}
