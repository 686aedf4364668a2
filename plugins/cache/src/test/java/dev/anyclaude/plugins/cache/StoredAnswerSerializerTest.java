package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.ehcache.spi.serialization.SerializerException;
import org.junit.jupiter.api.Test;

class StoredAnswerSerializerTest {
    private final StoredAnswerSerializer serializer = new StoredAnswerSerializer();

    @Test
    void anAnswerReadsBackAsWritten() {
        StoredAnswer answer = new StoredAnswer(StoredAnswer.Form.SSE,
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.UTF_8), 42L);
        ByteBuffer binary = serializer.serialize(answer);
        assertThat(serializer.equals(answer, binary.duplicate())).isTrue();
        assertThat(serializer.read(binary)).isEqualTo(answer);
    }

    @Test
    void damagedBytesAreRejectedNeverReadAsAnAnswer() {
        StoredAnswer answer = new StoredAnswer(StoredAnswer.Form.JSON, "{\"type\":\"message\"}".getBytes(), 7L);
        ByteBuffer whole = serializer.serialize(answer);
        ByteBuffer truncated = whole.duplicate().limit(whole.limit() - 3);
        assertThatThrownBy(() -> serializer.read(truncated)).isInstanceOf(SerializerException.class);

        ByteBuffer badHeader = ByteBuffer.allocate(whole.remaining()).put(whole.duplicate()).flip();
        badHeader.put(0, (byte) 'X');
        assertThatThrownBy(() -> serializer.read(badHeader)).isInstanceOf(SerializerException.class);
        assertThatThrownBy(() -> serializer.read(ByteBuffer.allocate(3))).isInstanceOf(SerializerException.class);
    }

    @Test
    void aKeyReadsBackAsWritten() {
        CacheKeySerializer keys = new CacheKeySerializer();
        CacheKey key = CacheKey.of(new byte[32]);
        assertThat(keys.read(keys.serialize(key))).isEqualTo(key);
        assertThatThrownBy(() -> keys.read(ByteBuffer.allocate(31))).isInstanceOf(SerializerException.class);
    }
}
