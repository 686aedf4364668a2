package dev.anyclaude.plugins.toolcalls;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The formats a backend's settings look for, in the order they are tried where markers meet. */
final class Formats {
    private Formats() {
    }

    static List<CallFormat> forSettings(ToolCallSettings settings) {
        List<CallFormat> formats = new ArrayList<>();
        Set<Family> tagBodies = EnumSet.noneOf(Family.class);
        for (Family family : List.of(Family.HERMES, Family.QWEN3_CODER, Family.GLM)) {
            if (settings.detects(family)) {
                tagBodies.add(family);
            }
        }
        if (!tagBodies.isEmpty()) {
            formats.add(new TagFormat(tagBodies));
        }
        if (settings.detects(Family.QWEN3_CODER)) {
            formats.add(new BareFunctionFormat());
        }
        if (settings.detects(Family.DEEPSEEK)) {
            formats.add(new DeepSeekFormat());
        }
        if (settings.detects(Family.KIMI)) {
            formats.add(new KimiFormat());
        }
        if (settings.detects(Family.HARMONY)) {
            formats.add(new HarmonyFormat());
        }
        if (settings.detects(Family.MISTRAL) || settings.detects(Family.DEVSTRAL)) {
            formats.add(new MistralFormat());
        }
        if (settings.detects(Family.LLAMA)) {
            formats.add(new LlamaFormat());
        }
        if (settings.detects(Family.FENCED_JSON)) {
            formats.add(new FencedJsonFormat());
        }
        return formats;
    }
}
