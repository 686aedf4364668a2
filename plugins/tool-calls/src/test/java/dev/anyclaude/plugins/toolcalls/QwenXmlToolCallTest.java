package dev.anyclaude.plugins.toolcalls;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QwenXmlToolCallTest {


    @Test
    void qwen3CoderCallWithTypedValues() {
        assertThat(StreamRun.auto().renderEverySplit("Checking.\n<tool_call>\n<function=Bash>\n<parameter=command>\nls -la\n</parameter>\n"
                + "<parameter=background>\ntrue\n</parameter>\n</function>\n</tool_call>"))
                .containsExactly("0 text Checking.", "1 tool Bash", "1 input {\"command\":\"ls -la\",\"background\":true}",
                        "stop tool_use");
    }

    @Test
    void aNumberGivenAsTextIsTyped() {
        assertThat(StreamRun.auto().renderEverySplit("<tool_call><function=Read><parameter=file_path>a.txt</parameter>"
                + "<parameter=limit>20</parameter></function></tool_call>"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a.txt\",\"limit\":20}", "stop tool_use");
    }

    @Test
    void unknownFunctionOrMissingRequiredStaysText() {
        String unknown = "<tool_call><function=Write><parameter=x>1</parameter></function></tool_call>";
        String missing = "<tool_call><function=Read><parameter=limit>1</parameter></function></tool_call>";
        assertThat(StreamRun.auto().renderEverySplit(unknown)).containsExactly("0 text " + unknown, "stop end_turn");
        assertThat(StreamRun.auto().renderEverySplit(missing)).containsExactly("0 text " + missing, "stop end_turn");
    }
}
