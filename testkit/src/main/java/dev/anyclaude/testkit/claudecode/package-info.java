/**
 * The real Claude Code CLI as a client for end-to-end tests.
 *
 * <ul>
 *   <li>{@link dev.anyclaude.testkit.claudecode.ClaudeCodeInstall}: the pinned {@code @anthropic-ai/claude-code}
 *       npm package in a cache folder, installed with {@code npm} on first use, safely when JVMs race.</li>
 *   <li>{@link dev.anyclaude.testkit.claudecode.ClaudeCodeCli}: runs {@code claude -p} offline against a local
 *       URL; {@link dev.anyclaude.testkit.claudecode.ClaudeCodeRun} says how,
 *       {@link dev.anyclaude.testkit.claudecode.ClaudeCodeResult} how it ended.</li>
 * </ul>
 */
package dev.anyclaude.testkit.claudecode;
