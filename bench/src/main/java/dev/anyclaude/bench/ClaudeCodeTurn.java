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

    /** The request's bytes (UTF-8), streaming. */
    public static byte[] body(String question) {
        StringBuilder json = new StringBuilder(56 * 1024);
        json.append("{\"model\":\"claude-sonnet-4-5\",\"messages\":[");
        json.append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<system-reminder>\\n")
                .append(prose("As you answer the user's questions, you can use the following context:\\n"
                        + "# claudeMd\\nCodebase and user instructions are shown below. Be sure to adhere to them.", 12))
                .append("\\n</system-reminder>\"},{\"type\":\"text\",\"text\":\"Read src/Main.java and explain it.\"}]},");
        json.append("{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"")
                .append(prose("<env>\\nWorking directory: /home/user/project\\nIs directory a git repo: Yes\\n"
                        + "Platform: linux\\nOS Version: Linux 6.1.0\\nToday's date: 2026-12-04\\n</env>\\n"
                        + "gitStatus: This is the git status at the start of the conversation.\\n"
                        + "Current branch: main\\nStatus:\\nM src/Main.java\\n?? notes.txt\\n", 24))
                .append("\"}]},");
        json.append("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"I'll read the file first.\"},")
                .append("{\"type\":\"tool_use\",\"id\":\"toolu_01A9\",\"name\":\"Read\",")
                .append("\"input\":{\"file_path\":\"/home/user/project/src/Main.java\",\"limit\":200}}]},");
        json.append("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A9\",")
                .append("\"content\":\"")
                .append(prose("     1\\tpackage demo;\\n     2\\t\\n     3\\tpublic final class Main {\\n"
                        + "     4\\t    public static void main(String[] args) {\\n"
                        + "     5\\t        System.out.println(\\\"hello, \\\" + args.length);\\n     6\\t    }\\n"
                        + "     7\\t}\\n", 20))
                .append("\",\"is_error\":false,\"cache_control\":{\"type\":\"ephemeral\"}}]},");
        json.append("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"")
                .append(prose("`Main` prints a greeting with the number of arguments.", 6)).append("\"}]},");
        json.append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"").append(question)
                .append("\",\"cache_control\":{\"type\":\"ephemeral\"}}]}],");
        json.append("\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1.0; cc_entrypoint=sdk-cli\"},")
                .append("{\"type\":\"text\",\"text\":\"You are Claude Code, Anthropic's official CLI for Claude.\",")
                .append("\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"")
                .append(prose("You are an interactive CLI tool that helps users with software engineering tasks. "
                        + "Use the instructions below and the tools available to you to assist the user.\\n\\n"
                        + "# Tone and style\\nYou should be concise, direct, and to the point. When you run a "
                        + "non-trivial bash command, you should explain what the command does and why you are "
                        + "running it.\\n- Use \\\"quotes\\\" around paths with spaces.\\n", 36))
                .append("\",\"cache_control\":{\"type\":\"ephemeral\"}}],\"tools\":[");
        for (int t = 0; t < TOOLS.length; t++) {
            json.append(t == 0 ? "" : ",").append("{\"name\":\"").append(TOOLS[t]).append("\",\"description\":\"")
                    .append(prose("Runs the " + TOOLS[t] + " operation on the workspace.\\n\\nUsage:\\n"
                            + "- The path parameter must be an absolute path, not a relative path\\n"
                            + "- Results are returned using cat -n format, with line numbers starting at 1\\n", 7))
                    .append("\",\"input_schema\":{\"$schema\":\"").append(SCHEMA).append("\",\"type\":\"object\",")
                    .append("\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"The absolute path\"},")
                    .append("\"limit\":{\"type\":\"number\",\"description\":\"The number of lines to read\"},")
                    .append("\"offset\":{\"type\":\"number\",\"description\":\"The line number to start reading from\"},")
                    .append("\"mode\":{\"type\":\"string\",\"enum\":[\"read\",\"write\",\"append\"]}},")
                    .append("\"required\":[\"path\"],\"additionalProperties\":false}")
                    .append(t == TOOLS.length - 1 ? ",\"defer_loading\":true" : "").append('}');
        }
        json.append("],\"metadata\":{\"user_id\":\"{\\\"device_id\\\":\\\"5f0c9e2b7d\\\",")
                .append("\\\"session_id\\\":\\\"0b6a53e4-1c2d-4e5f-8a9b-0c1d2e3f4a5b\\\"}\"},")
                .append("\"max_tokens\":32000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999,\"display\":\"omitted\"},")
                .append("\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]},")
                .append("\"output_config\":{\"effort\":\"medium\"},\"stream\":true}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
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
