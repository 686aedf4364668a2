package dev.anyclaude.plugins.toolcalls;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The stage and intercept agree however an answer's text is cut into deltas, for every format's fixture. */
class ToolCallStageSplitsTest {

    @Property(tries = 300)
    void theStageGivesWhatInterceptGivesForAnyChunking(@ForAll("texts") String text,
                                                         @ForAll("cuts") List<Integer> cuts,
                                                         @ForAll("settings") int setting,
                                                         @ForAll boolean cutByMaxTokens) {
        TreeSet<Integer> at = new TreeSet<>();
        cuts.forEach(cut -> at.add(1 + cut % Math.max(1, text.length() - 1)));
        List<String> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            if (cut > from && cut < text.length()) {
                chunks.add(text.substring(from, cut));
                from = cut;
            }
        }
        chunks.add(text.substring(from));
        ToolCallStageTest.assertSamePaths(ToolCallStageTest.SETTINGS.get(setting),
                BothPaths.answer(chunks, cutByMaxTokens ? "max_tokens" : "end_turn", true));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(ToolCallStageTest.texts().toList());
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 10_000).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> settings() {
        return Arbitraries.integers().between(0, ToolCallStageTest.SETTINGS.size() - 1);
    }
}
