package dev.anyclaude.plugins.cache;

import java.nio.ByteBuffer;
import org.ehcache.spi.serialization.Serializer;
import org.ehcache.spi.serialization.SerializerException;

/**
 * Ehcache's form of a {@link StoredAnswer} in the disk and clustered tiers:
 * {@code magic 'A' 'C', format version 1, form (0 SSE, 1 JSON), stored-at millis (8), body length (4), body}.
 * A record that does not match, in length or in header, is rejected with {@link SerializerException}, so a
 * damaged disk tier reads as a miss, never as a wrong answer. Thread-safe.
 */
public final class StoredAnswerSerializer implements Serializer<StoredAnswer> {
    private static final byte MAGIC_0 = 'A';
    private static final byte MAGIC_1 = 'C';
    private static final byte FORMAT = 1;
    private static final int HEADER = 2 + 1 + 1 + 8 + 4;

    /** Ehcache creates serializers configured by class with this constructor. */
    public StoredAnswerSerializer(ClassLoader ignored) {
    }

    public StoredAnswerSerializer() {
    }

    @Override
    public ByteBuffer serialize(StoredAnswer answer) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + answer.size());
        out.put(MAGIC_0).put(MAGIC_1).put(FORMAT).put((byte) answer.form().ordinal())
                .putLong(answer.storedAtMillis()).putInt(answer.size()).put(answer.body());
        return out.flip();
    }

    @Override
    public StoredAnswer read(ByteBuffer binary) {
        if (binary.remaining() < HEADER) {
            throw new SerializerException("a stored answer is too short (" + binary.remaining() + " bytes)");
        }
        if (binary.get() != MAGIC_0 || binary.get() != MAGIC_1 || binary.get() != FORMAT) {
            throw new SerializerException("a stored answer has an unknown header");
        }
        int form = binary.get();
        if (form < 0 || form >= StoredAnswer.Form.values().length) {
            throw new SerializerException("a stored answer has an unknown form " + form);
        }
        long storedAt = binary.getLong();
        int length = binary.getInt();
        if (length <= 0 || length != binary.remaining()) {
            throw new SerializerException("a stored answer says " + length + " bytes but has " + binary.remaining());
        }
        byte[] body = new byte[length];
        binary.get(body);
        return new StoredAnswer(StoredAnswer.Form.values()[form], body, storedAt);
    }

    @Override
    public boolean equals(StoredAnswer answer, ByteBuffer binary) {
        return answer.equals(read(binary));
    }
}
