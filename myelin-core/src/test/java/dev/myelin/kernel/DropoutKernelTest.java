package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.tensor.Generator;
import org.junit.jupiter.api.Test;

/** The vectorized mask equals one nextDouble() per element, for any range split, and keeps about 1 − p. */
class DropoutKernelTest {
    @Test
    void theMaskIsOneDrawPerElementOfTheStreamWhateverTheSplit() {
        for (double p : new double[] {0.1, 0.5, 0.9, 1e-9}) {
            int n = 1000 + 13;
            Generator.Block block = new Generator(5).nextBlock(n);
            float keep = (float) (1 / (1 - p));
            float[] x = new float[n], mask = new float[n], y = new float[n];
            for (int i = 0; i < n; i++) x[i] = i - 500.5f;
            // three uneven ranges, as threads might take them
            DropoutKernel.apply(block.seed(), block.gamma(), p, keep, x, mask, y, 0, 37);
            DropoutKernel.apply(block.seed(), block.gamma(), p, keep, x, mask, y, 37, 600);
            DropoutKernel.apply(block.seed(), block.gamma(), p, keep, x, mask, y, 600, n);
            Generator sequential = new Generator(5);
            int kept = 0;
            for (int i = 0; i < n; i++) {
                float m = sequential.nextDouble() >= p ? keep : 0;
                assertThat(mask[i]).as("p %s, element %d", p, i).isEqualTo(m);
                assertThat(y[i]).isEqualTo(x[i] * m);
                if (m != 0) kept++;
            }
            assertThat(kept / (double) n).as("p %s", p).isCloseTo(1 - p, org.assertj.core.data.Offset.offset(0.05));
        }
    }
}
