package dev.anyclaude.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The brain of a mock model that has no tool support: it answers every Chat Completions request with streamed
 * text only (never a {@code tool_calls} field). It looks at the last tool result in the conversation it received
 * and prints the next call as text, alternating Hermes JSON and Qwen3-Coder XML: Read the readme, Write
 * {@code hello.txt}, Edit it, commit it with Bash, then a plain answer. A result it does not expect ends the run
 * with an answer that says so. Each answer is streamed in pieces that cut the call's marker in half.
 */
final class TextToolAgent {
    static final String README_TEXT = "This repository was made by a test.";
    static final String WRITTEN = "hello from a model that prints its tool calls\nsecond line\n";
    static final String EDITED = "hello from a model that prints its tool calls\nsecond line, edited\n";
    static final String COMMIT_MESSAGE = "Add hello.txt written by a text-only model";
    static final String FINAL_ANSWER = "Committed hello.txt.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOOL_RESPONSE = Pattern.compile("<tool_response>\\n?(.*?)\\n?</tool_response>",
            Pattern.DOTALL);

    private final Path repo;
    /** The last tool result of each request, in order ("" when there was none). */
    private final List<String> resultsSeen = new ArrayList<>();

    TextToolAgent(Path repo) {
        this.repo = repo;
    }

    /** The results the agent was shown, one per request, "" for the first. */
    synchronized List<String> resultsSeen() {
        return List.copyOf(resultsSeen);
    }

    synchronized MockResponse answer(RecordedRequest request) {
        String last = lastToolResult(body(request));
        resultsSeen.add(last);
        String text;
        if (last.contains(COMMIT_MESSAGE)) {
            text = FINAL_ANSWER;
        } else if (last.isEmpty()) {
            text = "I will read the readme first.\n" + hermes("Read", object().put("file_path", path("README.md")));
        } else if (last.contains(README_TEXT)) {
            text = "Now I write the file.\n<tool_call>\n<function=Write>\n<parameter=file_path>\n" + path("hello.txt")
                    + "\n</parameter>\n<parameter=content>\n" + WRITTEN + "\n</parameter>\n</function>\n</tool_call>";
        } else if (last.contains("hello.txt") && last.toLowerCase().contains("created")) {
            text = hermes("Edit", object().put("file_path", path("hello.txt"))
                    .put("old_string", "second line\n").put("new_string", "second line, edited\n"));
        } else if (last.contains("hello.txt") && last.contains("updated")) {
            text = "Committing.\n<tool_call>\n<function=Bash>\n<parameter=command>\ngit add hello.txt && git commit -m \""
                    + COMMIT_MESSAGE + "\"\n</parameter>\n<parameter=description>\nCommit hello.txt\n</parameter>\n"
                    + "</function>\n</tool_call>";
        } else {
            text = "Unexpected tool result: " + last;
        }
        return MockResponse.chunks(OpenAiFixtures.textChunks(pieces(text)));
    }

    private String path(String name) {
        return repo.resolve(name).toString();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String hermes(String name, ObjectNode arguments) {
        ObjectNode call = object().put("name", name);
        call.set("arguments", arguments);
        return "<tool_call>\n" + call + "\n</tool_call>";
    }

    /** The text in four pieces; the first cut falls inside {@code <tool_call>} when there is one. */
    static String[] pieces(String text) {
        int marker = text.indexOf("<tool_call>");
        int first = marker >= 0 ? marker + 5 : text.length() / 4;
        int second = first + (text.length() - first) / 3;
        int third = second + (text.length() - second) / 2;
        return new String[] {text.substring(0, first), text.substring(first, second), text.substring(second, third),
                text.substring(third)};
    }

    /**
     * The text of the conversation's last tool result: a {@code tool} message (a backend with native tools) or the
     * last {@code <tool_response>} in a user message (the request side of force mode).
     */
    static String lastToolResult(JsonNode body) {
        String last = "";
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText();
            if ("tool".equals(role)) {
                last = text(message.path("content"));
            } else if ("user".equals(role)) {
                Matcher matcher = TOOL_RESPONSE.matcher(text(message.path("content")));
                while (matcher.find()) {
                    last = matcher.group(1);
                }
            }
        }
        return last;
    }

    /** A message's content: a string, or the text parts of a list joined by newlines. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
        }
        return text.toString();
    }

    static JsonNode body(RecordedRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
