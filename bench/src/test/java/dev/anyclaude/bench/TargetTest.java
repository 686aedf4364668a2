package dev.anyclaude.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void aTargetWrittenAsOneLineReadsBackTheSame() {
        Target target = Target.proxy(Target.ANYCLAUDE, Lane.CLAUDE_CODE_TURN, 8082, List.of("x-extra", "a b"))
                .varied(3);

        String line = target.encode();
        Target read = Target.decode(line);

        assertThat(line).doesNotContain("\n");
        assertThat(read.name()).isEqualTo(Target.ANYCLAUDE);
        assertThat(read.port()).isEqualTo(8082);
        assertThat(read.path()).isEqualTo(target.path());
        assertThat(read.headers()).isEqualTo(target.headers()).contains("x-extra", "a b");
        assertThat(read.bodies()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(new String(read.bodies().get(i), StandardCharsets.UTF_8))
                    .isEqualTo(new String(target.bodies().get(i), StandardCharsets.UTF_8));
        }
    }
}
