/**
 * Mock upstreams for tests and benchmarks: real HTTP servers on 127.0.0.1 that send scripted answers byte for
 * byte and record what they received.
 *
 * <ul>
 *   <li>{@link dev.anyclaude.testkit.MockAnthropicServer} (the Anthropic Messages API) and
 *       {@link dev.anyclaude.testkit.MockOpenAiServer} (OpenAI-compatible servers), both
 *       {@link dev.anyclaude.testkit.MockServer}s: queue answers per path, set a default or a dispatcher, take
 *       recorded requests.</li>
 *   <li>{@link dev.anyclaude.testkit.MockResponse}: the answers, {@code json}, {@code raw}, {@code sse} (gated,
 *       flushed per frame, optionally cut short), {@code chunks} (OpenAI {@code data:} streams) and
 *       {@code hang}.</li>
 *   <li>{@link dev.anyclaude.testkit.AnthropicFixtures} and {@link dev.anyclaude.testkit.OpenAiFixtures}: exact
 *       wire payloads (messages, streams, errors).</li>
 *   <li>{@link dev.anyclaude.testkit.RecordedRequest} and {@link dev.anyclaude.testkit.HeaderFields}: what
 *       crossed the wire.</li>
 *   <li>{@link dev.anyclaude.testkit.MockAnthropicMain}: a command-line server for load tests.</li>
 * </ul>
 *
 * <p>The real Claude Code CLI, as a client for end-to-end tests, is in {@code dev.anyclaude.testkit.claudecode}.
 */
package dev.anyclaude.testkit;
