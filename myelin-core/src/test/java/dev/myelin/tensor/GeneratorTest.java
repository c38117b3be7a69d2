package dev.myelin.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    @Test
    void drawsTheSameStreamAsSplittableRandom() {
        // The generator used SplittableRandom before its state became readable; every seeded result must stay the same.
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            Generator g = new Generator(seed);
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 2000; i++) {
                switch (i % 5) {
                    case 0 -> assertThat(g.nextLong()).isEqualTo(r.nextLong());
                    case 1 -> assertThat(g.nextDouble()).isEqualTo(r.nextDouble());
                    case 2 -> assertThat(g.nextInt(1 + i)).isEqualTo(r.nextInt(1 + i));
                    case 3 -> assertThat(g.nextInt(1 << (i % 31))).isEqualTo(r.nextInt(1 << (i % 31)));
                    default -> assertThat(g.nextInt(Integer.MAX_VALUE - i)).isEqualTo(r.nextInt(Integer.MAX_VALUE - i));
                }
            }
            Generator gs = g.split();
            SplittableRandom rs = r.split();
            for (int i = 0; i < 100; i++) assertThat(gs.nextLong()).isEqualTo(rs.nextLong());
            assertThat(g.nextLong()).isEqualTo(r.nextLong());
        }
    }

    @Test
    void aRestoredStateRepeatsTheDrawsThatFollow() {
        Generator g = new Generator(3);
        g.nextGaussian(); // leaves a spare normal, part of the state
        Generator.State s = g.getState();
        double[] first = {
            g.nextGaussian(), g.nextDouble(), g.nextInt(17), g.split().nextLong(), g.nextGaussian()
        };
        Generator other = new Generator(99);
        other.setState(Generator.State.decode(s.encode()));
        double[] again = {
            other.nextGaussian(),
            other.nextDouble(),
            other.nextInt(17),
            other.split().nextLong(),
            other.nextGaussian()
        };
        assertThat(again).containsExactly(first);
    }

    @Test
    void aMalformedStateIsRefusedWithItsText() {
        assertThatThrownBy(() -> Generator.State.decode("12:zz:0")).hasMessageContaining("'12:zz:0'");
        assertThatThrownBy(() -> Generator.State.decode("1:2")).hasMessageContaining("seed:gamma:spare");
        assertThatThrownBy(() -> Generator.State.decode("1:2:0")).hasMessageContaining("gamma must be odd");
    }

    @Test
    void aBlockReadsTheNextDrawsByIndexAndTheStreamContinuesAfterThem() {
        Generator a = new Generator(7), b = new Generator(7);
        Generator.Block block = a.nextBlock(1000);
        for (int i = 999; i >= 0; i -= 37) { // in any order
            Generator c = new Generator(7);
            for (int j = 0; j < i; j++) c.nextDouble();
            org.assertj.core.api.Assertions.assertThat(block.doubleAt(i)).isEqualTo(c.nextDouble());
        }
        for (int j = 0; j < 1000; j++) b.nextDouble();
        org.assertj.core.api.Assertions.assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }

    @Test
    void aNegativePermutationSizeIsRefusedByName() {
        assertThatThrownBy(() -> new Generator(0).permutation(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permutation")
                .hasMessageContaining("-1");
    }
}
