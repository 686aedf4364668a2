package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolNamesTest {
    private static final String LONG = "mcp__github__list_pull_requests_with_review_comments_and_status_checks";

    @Test
    void validShortNamesAreUnchanged() {
        ToolNames names = ToolNames.of(List.of("Read", "mcp__fs__read_file", "a-b_c"), 64);
        assertThat(names.upstream("mcp__fs__read_file")).isEqualTo("mcp__fs__read_file");
        assertThat(names.shortensAny()).isFalse();
    }

    @Test
    void longNamesBecomeAPrefixAndAHashAndComeBack() {
        ToolNames names = ToolNames.of(List.of(LONG), 64);
        String upstream = names.upstream(LONG);
        assertThat(upstream).hasSize(64).startsWith(LONG.substring(0, 55) + "_").matches("[A-Za-z0-9_-]+");
        assertThat(names.client(upstream)).isEqualTo(LONG);
        assertThat(ToolNames.of(List.of(LONG), 64).upstream(LONG)).as("deterministic").isEqualTo(upstream);
    }

    @Test
    void namesDifferingOnlyAfterThePrefixStayApart() {
        String other = LONG + "_v2";
        ToolNames names = ToolNames.of(List.of(LONG, other), 64);
        assertThat(names.upstream(LONG)).isNotEqualTo(names.upstream(other));
        assertThat(names.client(names.upstream(other))).isEqualTo(other);
    }

    @Test
    void invalidCharactersAreReplacedAndHashed() {
        ToolNames names = ToolNames.of(List.of("files.read", "files:read"), 64);
        assertThat(names.upstream("files.read")).startsWith("files_read_").hasSize("files_read_".length() + 8);
        assertThat(names.upstream("files.read")).isNotEqualTo(names.upstream("files:read"));
        assertThat(names.client(names.upstream("files:read"))).isEqualTo("files:read");
    }

    @Test
    void theLimitIsConfigurable() {
        ToolNames names = ToolNames.of(List.of("a_tool_name_of_thirty_characters"), 20);
        assertThat(names.upstream("a_tool_name_of_thirty_characters")).hasSize(20).startsWith("a_tool_name_");
    }

    @Test
    void emptyNamesGetAPlaceholderAndUnknownNamesPassThrough() {
        ToolNames names = ToolNames.of(List.of(""), 64);
        assertThat(names.upstream("")).isEqualTo(ToolNames.PLACEHOLDER);
        assertThat(names.client(ToolNames.PLACEHOLDER)).isEmpty();
        assertThat(names.client("SomethingElse")).isEqualTo("SomethingElse");
        assertThat(ToolNames.identity().client("x")).isEqualTo("x");
    }
}
