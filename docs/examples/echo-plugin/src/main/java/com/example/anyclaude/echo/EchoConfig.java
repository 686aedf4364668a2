package com.example.anyclaude.echo;

/**
 * The config block of an {@code echo} backend entry, bound from {@code .anyclauderc.json}:
 * {@code "backends": {"parrot": {"type": "echo", "prefix": "you said: "}}}. Keys it does not name are ignored.
 *
 * @param prefix put before the echoed text; null when the block has none
 */
public record EchoConfig(String prefix) {
}
