package dev.anyclaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MockAnthropicMainTest {

    @Test
    void defaultsToJsonOnPort9000() {
        MockAnthropicMain.Options options = MockAnthropicMain.Options.parse();
        assertEquals(9000, options.port());
        assertInstanceOf(FixedResponse.class, options.answer());
    }

    @Test
    void sseModeServesTheTextStream() {
        MockAnthropicMain.Options options = MockAnthropicMain.Options.parse("--port", "0", "--mode", "sse");
        assertEquals(0, options.port());
        assertInstanceOf(SseResponse.class, options.answer());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MockAnthropicMain.Options.parse("--mode", "xml"));
        assertThrows(IllegalArgumentException.class, () -> MockAnthropicMain.Options.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> MockAnthropicMain.Options.parse("--verbose"));
    }
}
