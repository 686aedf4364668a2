package dev.anyclaude.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class GrowableBytesTest {
    @Property(tries = 200)
    void holdsWhatWasAddedInOrderWhateverItsGrowth(@ForAll @Size(max = 30) List<byte[]> pieces,
                                                   @ForAll @IntRange(min = 1, max = 64) int capacity) throws Exception {
        GrowableBytes bytes = new GrowableBytes(capacity);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < pieces.size(); i++) {
            byte[] piece = pieces.get(i);
            if (i % 2 == 0) {
                bytes.add(piece, 0, piece.length);
            } else {
                bytes.add(ByteBuffer.wrap(piece));
            }
            expected.write(piece);
        }

        assertThat(bytes.size()).isEqualTo(expected.size());
        assertThat(Arrays.copyOf(bytes.array(), bytes.size())).isEqualTo(expected.toByteArray());
        assertThat(bytes.copy()).isEqualTo(expected.toByteArray());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        bytes.writeTo(written);
        assertThat(written.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Property(tries = 50)
    void aCopyStaysAsItWasAfterAResetAndMore(@ForAll @Size(min = 1, max = 100) byte[] first,
                                             @ForAll @Size(min = 1, max = 100) byte[] second) {
        GrowableBytes bytes = new GrowableBytes(8);
        bytes.add(first, 0, first.length);
        byte[] copy = bytes.copy();

        bytes.reset();
        bytes.add(second, 0, second.length);

        assertThat(copy).isEqualTo(first);
        assertThat(bytes.copy()).isEqualTo(second);
    }
}
