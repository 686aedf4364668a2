package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;

/**
 * How one model family is told about tools in its prompt and how it writes calls and reads results, as text:
 * the request side of a backend that has no native tool support. Implementations are stateless.
 */
interface PromptFormat {

    /** The format's name in config ({@code "hermes"}, {@code "qwen3-coder"}, ...). */
    String name();

    /** The system-prompt section that lists the tools and says how to call them. */
    String describe(List<Tool> tools);

    /** The text the model prints for these calls of one turn (at least one). */
    String calls(List<PrintedCall> calls);

    /** The text of these results (at least one) inside a user turn. */
    String results(List<PrintedResult> results);
}
