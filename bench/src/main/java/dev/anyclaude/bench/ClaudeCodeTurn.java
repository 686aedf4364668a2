package dev.anyclaude.bench;

import java.nio.charset.StandardCharsets;

/**
 * A Messages request the size and shape of one Claude Code main turn (PROTOCOLS.md section 1): about 50 KB, its
 * top-level keys in Claude Code's order ({@code model, messages, system, tools, metadata, max_tokens, thinking,
 * context_management, output_config, stream}, so {@code stream} is the last thing a reader finds), the environment as
 * a {@code role: "system"} message of about 9 KB, three system blocks, 12 tools with JSON Schema 2020-12 inputs, a
 * turn with a tool call and its result, and prose full of escaped newlines and quotes as real prompts are. The last
 * user message asks {@code question}.
 */
public final class ClaudeCodeTurn {
    private static final String SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final String[] TOOLS = {"Agent", "Bash", "Edit", "Glob", "Grep", "Read", "Write", "NotebookEdit",
        "WebFetch", "TodoWrite", "Skill", "ToolSearch"};

    private ClaudeCodeTurn() {
    }

    // The turn's texts, already escaped for a JSON string.
    private static final String REMINDER = "<system-reminder>\\n" + prose("As you answer the user's questions, you can use "
            + "the following context:\\n# claudeMd\\nCodebase and user instructions are shown below. Be sure to adhere "
            + "to them.", 12) + "\\n</system-reminder>";
    private static final String FIRST_ASK = "Read src/Main.java and explain it.";
    private static final String ENVIRONMENT = prose("<env>\\nWorking directory: /home/user/project\\nIs directory a git "
            + "repo: Yes\\nPlatform: linux\\nOS Version: Linux 6.1.0\\nToday's date: 2026-12-04\\n</env>\\n"
            + "gitStatus: This is the git status at the start of the conversation.\\n"
            + "Current branch: main\\nStatus:\\nM src/Main.java\\n?? notes.txt\\n", 24);
    private static final String TOOL_CALL_TEXT = "I'll read the file first.";
    private static final String TOOL_INPUT = "{\"file_path\":\"/home/user/project/src/Main.java\",\"limit\":200}";
    private static final String TOOL_RESULT = prose("     1\\tpackage demo;\\n     2\\t\\n     3\\tpublic final class "
            + "Main {\\n     4\\t    public static void main(String[] args) {\\n"
            + "     5\\t        System.out.println(\\\"hello, \\\" + args.length);\\n     6\\t    }\\n     7\\t}\\n", 20);
    private static final String ANSWER = prose("`Main` prints a greeting with the number of arguments.", 6);
    private static final String BILLING = "x-anthropic-billing-header: cc_version=2.1.0; cc_entrypoint=sdk-cli";
    private static final String IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude.";
    private static final String INSTRUCTIONS = prose("You are an interactive CLI tool that helps users with software "
            + "engineering tasks. Use the instructions below and the tools available to you to assist the user.\\n\\n"
            + "# Tone and style\\nYou should be concise, direct, and to the point. When you run a non-trivial bash "
            + "command, you should explain what the command does and why you are running it.\\n"
            + "- Use \\\"quotes\\\" around paths with spaces.\\n", 36);
    private static final String INPUT_SCHEMA = "{\"$schema\":\"" + SCHEMA + "\",\"type\":\"object\","
            + "\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"The absolute path\"},"
            + "\"limit\":{\"type\":\"number\",\"description\":\"The number of lines to read\"},"
            + "\"offset\":{\"type\":\"number\",\"description\":\"The line number to start reading from\"},"
            + "\"mode\":{\"type\":\"string\",\"enum\":[\"read\",\"write\",\"append\"]}},"
            + "\"required\":[\"path\"],\"additionalProperties\":false}";

    /** The request's bytes (UTF-8), streaming. */
    public static byte[] body(String question) {
        StringBuilder json = new StringBuilder(56 * 1024);
        json.append("{\"model\":\"claude-sonnet-4-5\",\"messages\":[");
        json.append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"").append(REMINDER)
                .append("\"},{\"type\":\"text\",\"text\":\"").append(FIRST_ASK).append("\"}]},");
        json.append("{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"").append(ENVIRONMENT).append("\"}]},");
        json.append("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"").append(TOOL_CALL_TEXT)
                .append("\"},{\"type\":\"tool_use\",\"id\":\"toolu_01A9\",\"name\":\"Read\",\"input\":")
                .append(TOOL_INPUT).append("}]},");
        json.append("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A9\",")
                .append("\"content\":\"").append(TOOL_RESULT)
                .append("\",\"is_error\":false,\"cache_control\":{\"type\":\"ephemeral\"}}]},");
        json.append("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"").append(ANSWER).append("\"}]},");
        json.append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"").append(question)
                .append("\",\"cache_control\":{\"type\":\"ephemeral\"}}]}],");
        json.append("\"system\":[{\"type\":\"text\",\"text\":\"").append(BILLING).append("\"},")
                .append("{\"type\":\"text\",\"text\":\"").append(IDENTITY).append("\",")
                .append("\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"").append(INSTRUCTIONS)
                .append("\",\"cache_control\":{\"type\":\"ephemeral\"}}],\"tools\":[");
        for (int t = 0; t < TOOLS.length; t++) {
            json.append(t == 0 ? "" : ",").append("{\"name\":\"").append(TOOLS[t]).append("\",\"description\":\"")
                    .append(toolDescription(TOOLS[t])).append("\",\"input_schema\":").append(INPUT_SCHEMA)
                    .append(t == TOOLS.length - 1 ? ",\"defer_loading\":true" : "").append('}');
        }
        json.append("],\"metadata\":{\"user_id\":\"{\\\"device_id\\\":\\\"5f0c9e2b7d\\\",")
                .append("\\\"session_id\\\":\\\"0b6a53e4-1c2d-4e5f-8a9b-0c1d2e3f4a5b\\\"}\"},")
                .append("\"max_tokens\":32000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999,\"display\":\"omitted\"},")
                .append("\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]},")
                .append("\"output_config\":{\"effort\":\"medium\"},\"stream\":true}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The same turn as a Chat Completions request, as the proxy's translation sends it to an OpenAI-compatible server
     * (the system prompt and the environment as system messages, the tool call and its result as OpenAI's): what a
     * client asking that server directly would send, streaming.
     */
    public static byte[] openAiBody(String question) {
        StringBuilder json = new StringBuilder(56 * 1024);
        json.append("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"system\",\"content\":\"")
                .append(BILLING).append("\\n\\n").append(IDENTITY).append("\\n\\n").append(INSTRUCTIONS).append("\"},");
        json.append("{\"role\":\"user\",\"content\":\"").append(REMINDER).append("\\n\\n").append(FIRST_ASK).append("\"},");
        json.append("{\"role\":\"system\",\"content\":\"").append(ENVIRONMENT).append("\"},");
        json.append("{\"role\":\"assistant\",\"content\":\"").append(TOOL_CALL_TEXT).append("\",\"tool_calls\":[")
                .append("{\"id\":\"toolu_01A9\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"")
                .append(TOOL_INPUT.replace("\"", "\\\"")).append("\"}}]},");
        json.append("{\"role\":\"tool\",\"tool_call_id\":\"toolu_01A9\",\"content\":\"").append(TOOL_RESULT).append("\"},");
        json.append("{\"role\":\"assistant\",\"content\":\"").append(ANSWER).append("\"},");
        json.append("{\"role\":\"user\",\"content\":\"").append(question).append("\"}],");
        json.append("\"max_tokens\":32000,\"stream\":true,\"stream_options\":{\"include_usage\":true},\"tools\":[");
        for (int t = 0; t < TOOLS.length; t++) {
            json.append(t == 0 ? "" : ",").append("{\"type\":\"function\",\"function\":{\"name\":\"").append(TOOLS[t])
                    .append("\",\"description\":\"").append(toolDescription(TOOLS[t])).append("\",\"parameters\":")
                    .append(INPUT_SCHEMA).append("}}");
        }
        json.append("],\"reasoning_effort\":\"medium\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String toolDescription(String tool) {
        return prose("Runs the " + tool + " operation on the workspace.\\n\\nUsage:\\n"
                + "- The path parameter must be an absolute path, not a relative path\\n"
                + "- Results are returned using cat -n format, with line numbers starting at 1\\n", 7);
    }

    /** {@code text} (already escaped for a JSON string) {@code times} over, numbered so no two paragraphs match. */
    private static String prose(String text, int times) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= times; i++) {
            out.append(i).append(". ").append(text).append("\\n");
        }
        return out.toString();
    }
}
