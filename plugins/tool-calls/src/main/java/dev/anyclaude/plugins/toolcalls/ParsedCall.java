package dev.anyclaude.plugins.toolcalls;

import java.util.Map;

/** A tool call recognised in text: a declared tool's name and input that satisfies its schema. */
record ParsedCall(String name, Map<String, Object> input) {
}
