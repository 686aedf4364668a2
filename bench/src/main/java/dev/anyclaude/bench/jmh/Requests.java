package dev.anyclaude.bench.jmh;

import dev.anyclaude.plugins.openai.translate.IdSource;
import java.nio.charset.StandardCharsets;

/** Request bodies for the microbenchmarks (the lanes' small request and one shaped like Claude Code's) and fixed ids. */
final class Requests {
    /** The same ids every time: the benchmarks measure translation, not id making. */
    static final IdSource FIXED_IDS = new IdSource() {
        @Override
        public String messageId() {
            return "msg_bench";
        }

        @Override
        public String toolUseId() {
            return "toolu_bench";
        }
    };

    private Requests() {
    }

    /** The 130-byte request of the lanes. */
    static byte[] small() {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi in one word.\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * About 20 KB in Claude Code's shape: a system prompt in two blocks with cache_control, 12 tools with JSON
     * schemas, and a turn with a tool_use and its tool_result.
     */
    static byte[] claudeCodeShaped() {
        StringBuilder json = new StringBuilder("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,\"stream\":true,")
                .append("\"metadata\":{\"user_id\":\"user_abc_account_def_session_123\"},")
                .append("\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code, Anthropic's official CLI for Claude.\"},")
                .append("{\"type\":\"text\",\"text\":\"").append(words("Follow the user's instructions carefully.", 150))
                .append("\",\"cache_control\":{\"type\":\"ephemeral\"}}],\"tools\":[");
        for (int t = 0; t < 12; t++) {
            json.append(t == 0 ? "" : ",").append("{\"name\":\"Tool").append(t).append("\",\"description\":\"")
                    .append(words("Runs an operation on the workspace and returns its output.", 6))
                    .append("\",\"input_schema\":{\"type\":\"object\",\"$schema\":\"http://json-schema.org/draft-07/schema#\",")
                    .append("\"additionalProperties\":false,\"required\":[\"path\"],\"properties\":{")
                    .append("\"path\":{\"type\":\"string\",\"description\":\"The absolute path\"},")
                    .append("\"limit\":{\"type\":\"number\",\"description\":\"How many lines\"},")
                    .append("\"mode\":{\"type\":\"string\",\"enum\":[\"read\",\"write\",\"append\"]}}}}");
        }
        json.append("],\"messages\":[")
                .append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Read src/Main.java and explain it.\"}]},")
                .append("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Reading the file.\"},")
                .append("{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Tool1\",\"input\":{\"path\":\"/w/src/Main.java\",\"limit\":200}}]},")
                .append("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":\"")
                .append(words("public final class Main { static void run() { return; } }", 30)).append("\"}]},")
                .append("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"")
                .append(words("The class starts the program.", 10)).append("\"}]},")
                .append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Now add a test.\",")
                .append("\"cache_control\":{\"type\":\"ephemeral\"}}]}]}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String words(String sentence, int times) {
        return (sentence + " ").repeat(times).trim();
    }
}
