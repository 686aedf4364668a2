package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.plugins.openai.translate.AnswerPart.CallPart;
import dev.anyclaude.plugins.openai.wire.ToolCallDelta;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the call a tool-call fragment belongs to. By the spec {@code index} keys a call and {@code id} comes on
 * its first fragment only; servers differ, so:
 * <ol>
 *   <li>a known {@code id} is that call (LiteLLM repeats the id on every fragment);</li>
 *   <li>an unknown {@code id} is a new call (Ollama gives every call index 0), unless the call at that index
 *       has no id yet (Ollama may send the id after the first fragment);</li>
 *   <li>without an id, the latest call at that {@code index}, or the latest call at all when there is no index
 *       (Gemini's compat layer omits it);</li>
 *   <li>a fragment that brings a name to a call that already has a name and complete arguments starts a new
 *       call (whole calls without ids).</li>
 * </ol>
 * Not thread-safe.
 */
final class ToolCallRouter {
    private final Map<String, CallPart> byId = new HashMap<>();
    private final Map<Integer, CallPart> byIndex = new HashMap<>();
    private CallPart latest;

    /** The existing call this fragment continues, or null when it starts a new call. */
    CallPart find(ToolCallDelta fragment) {
        String id = blankToNull(fragment.id());
        if (id != null) {
            CallPart known = byId.get(id);
            if (known != null) {
                return known;
            }
            CallPart atIndex = fragment.index() == null ? null : byIndex.get(fragment.index());
            return atIndex != null && atIndex.id == null ? atIndex : null;
        }
        CallPart candidate = fragment.index() != null ? byIndex.get(fragment.index()) : latest;
        if (candidate == null) {
            return null;
        }
        boolean anotherCall = blankToNull(fragment.name()) != null && candidate.name != null
                && candidate.arguments.complete();
        return anotherCall ? null : candidate;
    }

    /** Records a call that just learnt its id. */
    void learnedId(CallPart call) {
        byId.putIfAbsent(call.id, call);
    }

    /** Records a new call. */
    void register(CallPart call) {
        if (call.id != null) {
            byId.putIfAbsent(call.id, call);
        }
        if (call.upstreamIndex != null) {
            byIndex.put(call.upstreamIndex, call);
        }
        latest = call;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
