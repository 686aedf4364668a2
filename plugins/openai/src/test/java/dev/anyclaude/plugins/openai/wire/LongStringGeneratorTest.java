package dev.anyclaude.plugins.openai.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenAiJson#writeRequest} writes, through {@link LongStringGenerator}, the bytes Jackson's own
 * {@code writeValueAsBytes} writes: with and without extra body fields (a tree then), for strings of every length and
 * every kind of character.
 */
class LongStringGeneratorTest {
    private final OpenAiJson json = new OpenAiJson();

    @Test
    void writesTheSameBytesAsJacksonForRandomRequests() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            List<ChatMessage> messages = new ArrayList<>();
            messages.add(ChatMessage.system(text(random, random.nextInt(i % 10 == 0 ? 30_000 : 400))));
            messages.add(ChatMessage.user(text(random, random.nextInt(200))));
            messages.add(ChatMessage.tool("call_" + i, text(random, random.nextInt(3_000))));
            messages.add(ChatMessage.user(""));
            ChatRequest request = new ChatRequest("qwen", messages, 1024, null, 0.5, null, List.of(text(random, 80)), true,
                    new ChatRequest.StreamOptions(true), null, null, null, "medium",
                    Map.of("note", text(random, 150)));
            Map<String, Object> extra = Map.of("repetition_penalty", 1.1, "prompt", text(random, 500),
                    "stream_options", Map.of("include_usage", false));
            assertThat(json.writeRequest(request, Map.of())).isEqualTo(json.mapper().writeValueAsBytes(request));
            assertThat(json.writeRequest(request, extra))
                    .isEqualTo(json.mapper().writeValueAsBytes(json.toTree(request, extra)));
        }
    }

    /** Prose with escapes, control characters, non-ASCII, emoji (surrogate pairs) and lone surrogates. */
    private static String text(Random random, int length) {
        String[] pieces = {"word ", "\n", "\t", "\"", "\\", "/", "\u0001", "\u001f", "é", "€", "日本", "😀", "\ud800",
            "\udfff", "<tag>", "\u2028", "\u007f", "0123456789"};
        StringBuilder out = new StringBuilder(length + 16);
        while (out.length() < length) {
            out.append(random.nextInt(4) == 0 ? pieces[random.nextInt(pieces.length)] : "plain ascii text ");
        }
        return out.toString();
    }
}
