package dev.myelin.train.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The ring of Gaussians and the mode count on it. */
class ModeCoverageTest {

    @Test
    void theRingHasItsCentersOnTheCircleAndItsSamplesAroundThem() {
        Tensor c = SyntheticData.ringCenters(8, 2);
        assertThat(c.shape()).containsExactly(8, 2);
        for (int k = 0; k < 8; k++) {
            assertThat((double) c.get(k, 0)).isCloseTo(2 * Math.cos(2 * Math.PI * k / 8), within(1e-6));
            assertThat((double) c.get(k, 1)).isCloseTo(2 * Math.sin(2 * Math.PI * k / 8), within(1e-6));
        }
        TensorDataset ring = SyntheticData.gaussianRing(4000, 8, 2, 0.02, new Generator(1));
        ModeCoverage all = ModeCoverage.of(ring.features(), c, 0.02);
        assertThat(all.covered()).isEqualTo(8);
        assertThat(all.highQuality()).isGreaterThan(0.98); // 3 std in 2-D hold 98.9 % of a Gaussian
        for (int count : all.counts()) assertThat(count).isBetween(400, 600);
        // the labels are the centers
        for (int i = 0; i < 20; i++) {
            int k = (int) ring.targets().get(i);
            assertThat(Math.hypot(
                            ring.features().get(i, 0) - c.get(k, 0),
                            ring.features().get(i, 1) - c.get(k, 1)))
                    .isLessThan(0.15);
        }
        assertThat(SyntheticData.gaussianRing(100, 8, 2, 0.02, new Generator(1))
                        .features()
                        .toArray())
                .containsExactly(SyntheticData.gaussianRing(100, 8, 2, 0.02, new Generator(1))
                        .features()
                        .toArray());
    }

    @Test
    void aModeCountsFromTwoPercentOfTheSamplesWithinThreeStd() {
        Tensor centers = Tensor.fromArray(new float[] {0, 0, 10, 0, 0, 10}, 3, 2);
        float[] x = new float[2 * 100];
        for (int i = 0; i < 97; i++) x[2 * i] = 0.05f; // 97 at mode 0, inside 3 * 0.02
        x[2 * 97] = 10;
        x[2 * 98] = 10; // 2 at mode 1: exactly 2 %
        x[2 * 99] = 0;
        x[2 * 99 + 1] = 9.9f; // 1 near mode 2, 0.1 away: outside 3 std
        ModeCoverage m = ModeCoverage.of(Tensor.fromArray(x, 100, 2), centers, 0.02);
        assertThat(m.counts()).containsExactly(97, 2, 0);
        assertThat(m.covered()).isEqualTo(2);
        assertThat(m.highQuality()).isCloseTo(0.99, within(1e-12));
        x[2 * 98] = 11; // one of the two leaves: 1 % is not enough
        assertThat(ModeCoverage.of(Tensor.fromArray(x, 100, 2), centers, 0.02).covered())
                .isEqualTo(1);
        x[0] = Float.NaN;
        assertThat(ModeCoverage.of(Tensor.fromArray(x, 100, 2), centers, 0.02).counts()[0])
                .isEqualTo(96);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ModeCoverage.of(Tensor.zeros(4, 3), SyntheticData.ringCenters(8, 2), 0.02))
                .hasMessageContaining("samples [4, 3] and centers [8, 2]");
        assertThatThrownBy(() -> SyntheticData.gaussianRing(10, 0, 2, 0.02, new Generator(1)))
                .hasMessageContaining("modes must be >= 1");
        assertThatThrownBy(() -> SyntheticData.gaussianRing(10, 8, 2, -1, new Generator(1)))
                .hasMessageContaining("std must be finite and > 0");
    }
}
