package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutation fuzzing of {@code POST /v1/messages} over real HTTP: 10,000 valid requests of several shapes (text,
 * stream, tools, images, thinking, tool results), each mutated one to four times at random (a value replaced by
 * one of another type or an extreme one, a field removed or added, bytes cut, inserted or flipped), sent to the
 * passthrough, the compatible mode and the OpenAI translation. Every answer must be a 4xx Anthropic error or a
 * well-formed answer (a JSON message, or a stream whose frames all have an event line and that ends with
 * {@code message_stop} or {@code error}); never a 5xx, never a crash. A failure prints the seed that replays it.
 */
class MessagesFuzzTest {
    /** Writes what the mutations build: two deep values nested in each other go past Jackson's default 1,000. */
    private static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder(
            com.fasterxml.jackson.core.JsonFactory.builder().streamWriteConstraints(
                    com.fasterxml.jackson.core.StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build())
            .build();
    private static final Set<String> ERROR_TYPES = Set.of("invalid_request_error", "authentication_error",
            "billing_error", "permission_error", "not_found_error", "request_too_large", "rate_limit_error");
    private static final List<String> SEEDS = List.of(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,\"system\":[{\"type\":\"text\",\"text\":\"be brief\",\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}]}",
            "{\"model\":\"m\",\"max_tokens\":128,\"tools\":[{\"name\":\"Read\",\"description\":\"read a file\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}}],\"tool_choice\":{\"type\":\"auto\"},\"messages\":[{\"role\":\"user\",\"content\":\"read a\"}]}",
            "{\"model\":\"m\",\"max_tokens\":128,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"read a\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{\"path\":\"a\"}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":[{\"type\":\"text\",\"text\":\"contents\"}]}]}]}",
            "{\"model\":\"m\",\"max_tokens\":2048,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},{\"type\":\"text\",\"text\":\"what is it\"}]}]}",
            "{\"model\":\"m\",\"max_tokens\":64,\"temperature\":0.5,\"top_p\":0.9,\"stop_sequences\":[\"END\"],\"metadata\":{\"user_id\":\"u\"},\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hm\",\"signature\":\"sig\"},{\"type\":\"text\",\"text\":\"b\"}]},{\"role\":\"user\",\"content\":\"c\"}]}");
    private static final List<String> BACKENDS = List.of("", "local,", "llama,");

    private static MockAnthropicServer anthropic;
    private static MockOpenAiServer openai;
    private static ProxyFixture proxy;
    private static HttpClient client;

    @BeforeContainer
    static void start() {
        anthropic = new MockAnthropicServer().start();
        openai = new MockOpenAiServer().start();
        anthropic.setRecording(false);
        openai.setRecording(false);
        String json = AnthropicFixtures.messageJson();
        anthropic.dispatch(MockAnthropicServer.MESSAGES, request -> request.bodyUtf8().contains("\"stream\":true")
                ? MockResponse.sse(AnthropicFixtures.textStreamFrames()) : MockResponse.json(200, json));
        // As the proxy asks: a stream for a streaming client, one JSON completion otherwise.
        String completion = OpenAiFixtures.completionJson("Hello");
        openai.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> request.bodyUtf8().contains("\"stream\":true")
                ? MockResponse.chunks(OpenAiFixtures.textChunks("Hel", "lo")) : MockResponse.json(200, completion));
        proxy = ProxyFixture.start("""
                {"backend":"claude","server":{"maxBodyBytes":1048576},
                 "backends":{"claude":{"type":"anthropic","baseUrl":"%s"},
                             "llama":{"type":"anthropic","mode":"compatible","baseUrl":"%1$s"},
                             "local":{"type":"openai","baseUrl":"%s/v1","model":"q"}}}"""
                .formatted(anthropic.baseUrl(), openai.baseUrl()));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterContainer
    static void stop() {
        client.close();
        proxy.close();
        anthropic.close();
        openai.close();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, generation = GenerationMode.RANDOMIZED)
    void everyAnswerIsAnAnthropicErrorOrAWellFormedAnswer(@ForAll("seeds") long seed) throws Exception {
        Random random = new Random(seed);
        byte[] body = Mutator.mutate(SEEDS.get(random.nextInt(SEEDS.size())),
                BACKENDS.get(random.nextInt(BACKENDS.size())), random);
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/messages"))
                            .header("content-type", "application/json").header("x-api-key", "k")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            java.nio.file.Path saved = java.nio.file.Files.write(java.nio.file.Files.createTempFile("fuzz-" + seed + "-", ".json"), body);
            throw new AssertionError("no answer (" + e.getMessage() + ") to seed " + seed + "; the request is in " + saved, e);
        }
        String replay = "seed " + seed + ", request " + abbreviate(new String(body, StandardCharsets.UTF_8)) + "\nanswer "
                + response.statusCode() + " " + abbreviate(response.body());
        assertThat(response.statusCode()).as(replay).isLessThan(500);
        if (response.statusCode() >= 400) {
            JsonNode error = MAPPER.readTree(response.body());
            assertThat(error.path("type").asText()).as(replay).isEqualTo("error");
            assertThat(error.path("error").path("type").asText()).as(replay).isIn(ERROR_TYPES);
            assertThat(error.path("error").path("message").isTextual()).as(replay).isTrue();
            return;
        }
        assertThat(response.statusCode()).as(replay).isEqualTo(200);
        if (response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
            assertWellFormedStream(response.body(), replay);
        } else {
            assertThat(MAPPER.readTree(response.body()).path("type").asText()).as(replay).isEqualTo("message");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "... (" + text.length() + " chars)";
    }

    private static void assertWellFormedStream(String body, String replay) {
        String[] frames = body.strip().split("\n\n");
        String last = "";
        for (String frame : frames) {
            assertThat(frame).as(replay).startsWith("event: ").contains("\ndata: ");
            last = frame.substring("event: ".length(), frame.indexOf('\n'));
        }
        assertThat(last).as(replay).isIn("message_stop", "error");
    }

    /** Applies one to four random mutations, on the JSON tree or on the bytes. */
    static final class Mutator {
        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        private Mutator() {
        }

        static byte[] mutate(String seed, String backend, Random random) throws IOException {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(seed);
            tree.put("model", backend + tree.path("model").asText());
            int mutations = 1 + random.nextInt(4);
            boolean bytesLevel = random.nextInt(4) == 0;
            for (int i = 0; i < mutations && !bytesLevel; i++) {
                mutateTree(tree, random);
            }
            byte[] bytes = MAPPER.writeValueAsBytes(tree);
            if (bytesLevel) {
                for (int i = 0; i < mutations; i++) {
                    bytes = mutateBytes(bytes, random);
                }
            }
            return bytes;
        }

        private static void mutateTree(ObjectNode root, Random random) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        if (!names.isEmpty()) {
                            object.remove(names.get(random.nextInt(names.size())));
                        }
                    }
                    case 1 -> object.set(randomName(random, names), randomValue(random, 0));
                    default -> {
                        if (!names.isEmpty()) {
                            object.set(names.get(random.nextInt(names.size())), randomValue(random, 0));
                        }
                    }
                }
            } else if (target instanceof ArrayNode array) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        if (!array.isEmpty()) {
                            array.remove(random.nextInt(array.size()));
                        }
                    }
                    case 1 -> array.add(randomValue(random, 0));
                    default -> {
                        if (!array.isEmpty()) {
                            array.set(random.nextInt(array.size()), randomValue(random, 0));
                        }
                    }
                }
            }
        }

        private static void collect(JsonNode node, List<JsonNode> out) {
            if (node.isContainerNode()) {
                out.add(node);
                Iterator<JsonNode> children = node.elements();
                children.forEachRemaining(child -> collect(child, out));
            }
        }

        private static String randomName(Random random, List<String> existing) {
            List<String> names = List.of("type", "text", "content", "role", "input", "id", "name", "tool_use_id",
                    "source", "data", "media_type", "budget_tokens", "max_tokens", "stream", "model", "messages",
                    "tools", "tool_choice", "system", "thinking", "signature", "cache_control", "input_schema",
                    "is_error", "disable_parallel_tool_use", "unknown_" + random.nextInt(100));
            return random.nextBoolean() && !existing.isEmpty() ? existing.get(random.nextInt(existing.size()))
                    : names.get(random.nextInt(names.size()));
        }

        private static JsonNode randomValue(Random random, int depth) {
            int kind = random.nextInt(depth > 3 ? 9 : 12);
            return switch (kind) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.booleanNode(random.nextBoolean());
                case 2 -> NODES.numberNode(random.nextInt());
                case 3 -> NODES.numberNode(List.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L).get(random.nextInt(4)));
                case 4 -> NODES.numberNode(List.of(1e308, -0.0, 3.5, Double.MIN_VALUE).get(random.nextInt(4)));
                case 5 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(60))));
                case 6 -> NODES.textNode("");
                case 7 -> NODES.textNode(List.of("text", "tool_use", "tool_result", "image", "thinking", "user",
                        "assistant", "system", "auto", "any", "none", "enabled", "adaptive", "base64", "url",
                        "\u0000\uFFFF\uD83D\uDE00", "x".repeat(1 + random.nextInt(5000))).get(random.nextInt(17)));
                case 8 -> NODES.textNode(randomText(random));
                case 9 -> {
                    ArrayNode array = NODES.arrayNode();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        array.add(randomValue(random, depth + 1));
                    }
                    yield array;
                }
                case 10 -> {
                    ObjectNode object = NODES.objectNode();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        object.set(randomName(random, List.of()), randomValue(random, depth + 1));
                    }
                    yield object;
                }
                default -> nested(random.nextInt(500), random.nextBoolean()); // deeper ones are inserted as bytes
            };
        }

        private static JsonNode nested(int depth, boolean arrays) {
            JsonNode node = NODES.textNode("deep");
            for (int i = 0; i < depth; i++) {
                node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
            }
            return node;
        }

        private static String randomText(Random random) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x10FFFF) : 32 + random.nextInt(95));
            }
            return text.toString();
        }

        private static byte[] mutateBytes(byte[] bytes, Random random) {
            if (bytes.length == 0) {
                return new byte[]{(byte) random.nextInt(256)};
            }
            int at = random.nextInt(bytes.length);
            return switch (random.nextInt(5)) {
                case 0 -> java.util.Arrays.copyOf(bytes, at); // cut short
                case 1 -> { // delete a range
                    int end = Math.min(bytes.length, at + 1 + random.nextInt(16));
                    byte[] out = new byte[bytes.length - (end - at)];
                    System.arraycopy(bytes, 0, out, 0, at);
                    System.arraycopy(bytes, end, out, at, bytes.length - end);
                    yield out;
                }
                case 2 -> { // insert JSON punctuation or raw bytes
                    byte[] insert = random.nextBoolean()
                            ? List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "null", "1e99999", "\\u0000", "\"\":",
                                    "[".repeat(5000), "{\"a\":".repeat(3000))
                            .get(random.nextInt(14)).getBytes(StandardCharsets.UTF_8)
                            : new byte[]{(byte) random.nextInt(256), (byte) random.nextInt(256)};
                    byte[] out = new byte[bytes.length + insert.length];
                    System.arraycopy(bytes, 0, out, 0, at);
                    System.arraycopy(insert, 0, out, at, insert.length);
                    System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
                    yield out;
                }
                case 3 -> { // flip one byte
                    byte[] out = bytes.clone();
                    out[at] = (byte) random.nextInt(256);
                    yield out;
                }
                default -> { // duplicate a stretch (duplicate keys, repeated values)
                    int end = Math.min(bytes.length, at + 1 + random.nextInt(64));
                    byte[] out = new byte[bytes.length + (end - at)];
                    System.arraycopy(bytes, 0, out, 0, end);
                    System.arraycopy(bytes, at, out, end, bytes.length - at);
                    yield out;
                }
            };
        }
    }
}
