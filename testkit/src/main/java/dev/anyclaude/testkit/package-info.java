/**
 * A mock Anthropic Messages API for tests and benchmarks: a real HTTP server on 127.0.0.1 that sends scripted
 * answers byte for byte and records what it received.
 *
 * <ul>
 *   <li>{@link dev.anyclaude.testkit.MockAnthropicServer}: the server; queue answers per path, set a default,
 *       take recorded requests.</li>
 *   <li>{@link dev.anyclaude.testkit.MockResponse}: the answers, {@code json}, {@code raw}, {@code sse} (gated,
 *       flushed per frame, optionally cut short) and {@code hang}.</li>
 *   <li>{@link dev.anyclaude.testkit.AnthropicFixtures}: exact wire payloads (messages, streams, errors).</li>
 *   <li>{@link dev.anyclaude.testkit.RecordedRequest} and {@link dev.anyclaude.testkit.HeaderFields}: what
 *       crossed the wire.</li>
 *   <li>{@link dev.anyclaude.testkit.MockAnthropicMain}: a command-line server for load tests.</li>
 * </ul>
 */
package dev.anyclaude.testkit;
