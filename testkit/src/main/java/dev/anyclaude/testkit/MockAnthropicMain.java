package dev.anyclaude.testkit;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link MockAnthropicServer} that answers every {@code /v1/messages} request with the same canned answer,
 * forever, with no delay, and without recording requests; for load tests with wrk or similar:
 *
 * <pre>
 * java -cp testkit.jar:undertow-core.jar:... dev.anyclaude.testkit.MockAnthropicMain --port 9000 --mode sse
 * </pre>
 *
 * <p>{@code --mode json} (default) serves {@link AnthropicFixtures#messageJson()}; {@code --mode sse} serves
 * {@link AnthropicFixtures#textStreamFrames()}. {@code --port} defaults to 9000 (0 picks a free one). It prints
 * the base URL and runs until the JVM is stopped.
 */
public final class MockAnthropicMain {

    private MockAnthropicMain() {
    }

    /** The parsed command line. */
    record Options(int port, String mode) {

        static Options parse(String... args) {
            int port = 9000;
            String mode = "json";
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if ((arg.equals("--port") || arg.equals("--mode")) && i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                switch (arg) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--mode" -> mode = args[++i];
                    default -> throw new IllegalArgumentException("unknown argument " + arg
                            + "; usage: MockAnthropicMain [--port N] [--mode json|sse]");
                }
            }
            if (!mode.equals("json") && !mode.equals("sse")) {
                throw new IllegalArgumentException("--mode must be json or sse, not " + mode);
            }
            return new Options(port, mode);
        }

        MockResponse answer() {
            return mode.equals("sse")
                    ? MockResponse.sse(AnthropicFixtures.textStreamFrames())
                    : MockResponse.json(200, AnthropicFixtures.messageJson()).withHeader("request-id", "req_mock");
        }
    }

    /** Starts the server and blocks until the JVM shuts down. */
    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args);
        MockAnthropicServer server = new MockAnthropicServer();
        server.setRecording(false);
        server.setDefault(options.answer());
        server.start(options.port());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mock-anthropic-shutdown"));
        System.out.println("MockAnthropicServer (" + options.mode() + ") listening on " + server.baseUrl());
        new CountDownLatch(1).await();
    }
}
