package dev.myelin.data.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransformTest {
    /** [[1, 2, 3], [4, 5, 6], [7, 8, 9]] */
    private static Tensor img3() {
        return Tensor.arange(1, 10, 1).reshape(3, 3);
    }

    @Test
    void horizontalFlipMirrorsEachRowOfEachChannel() {
        Tensor x = Tensor.arange(12).reshape(2, 2, 3);
        assertThat(RandomHorizontalFlip.flip(x).toArray()).containsExactly(2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9);
        assertThat(new RandomHorizontalFlip(1).apply(x, new Generator(1)).toArray())
                .containsExactly(RandomHorizontalFlip.flip(x).toArray());
        assertThat(new RandomHorizontalFlip(0).apply(x, new Generator(1)).toArray())
                .containsExactly(x.toArray());
        int flipped = 0;
        Generator g = new Generator(2);
        RandomHorizontalFlip half = new RandomHorizontalFlip(0.5);
        for (int i = 0; i < 1000; i++) if (half.apply(x, g).get(0, 0, 0) == 2) flipped++;
        assertThat(flipped).isBetween(450, 550);
    }

    @Test
    void shiftMovesContentAndFillsTheUncoveredBorder() {
        assertThat(RandomCrop.shift(img3(), 1, 0, 0).toArray()).containsExactly(0, 0, 0, 1, 2, 3, 4, 5, 6);
        assertThat(RandomCrop.shift(img3(), 0, -1, -1).toArray()).containsExactly(2, 3, -1, 5, 6, -1, 8, 9, -1);
        assertThat(RandomCrop.shift(img3(), -1, 1, 0).toArray()).containsExactly(0, 4, 5, 0, 7, 8, 0, 0, 0);
    }

    @Test
    void randomCropIsAShiftWithinThePaddingAndCoversAllOffsets() {
        Tensor x = img3();
        Set<String> seen = new HashSet<>();
        Generator g = new Generator(9);
        RandomCrop crop = new RandomCrop(1);
        for (int i = 0; i < 300; i++) {
            float[] out = crop.apply(x, g).toArray();
            String match = null;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    if (java.util.Arrays.equals(
                            out, RandomCrop.shift(x, dy, dx, 0).toArray())) match = dy + "," + dx;
            assertThat(match)
                    .as("crop output must equal some shift in [-1, 1]^2")
                    .isNotNull();
            seen.add(match);
        }
        assertThat(seen).hasSize(9);
    }

    @Test
    void rotationBy90DegreesIsExactAndCounterClockwise() {
        // np.rot90([[1,2,3],[4,5,6],[7,8,9]]) == [[3,6,9],[2,5,8],[1,4,7]]
        assertThat(RandomRotation.rotate(img3(), 90, 0).toArray()).containsExactly(3, 6, 9, 2, 5, 8, 1, 4, 7);
        assertThat(RandomRotation.rotate(img3(), 0, 0).toArray()).containsExactly(img3().toArray());
        assertThat(RandomRotation.rotate(img3(), 180, 0).toArray()).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1);
        // A fixed-angle "random" rotation equals the deterministic one, per channel.
        Tensor two = Tensor.stack(java.util.List.of(img3(), img3().mul(2)), 0);
        assertThat(new RandomRotation(90, 90, 0).apply(two, new Generator(0)).toArray())
                .containsExactly(3, 6, 9, 2, 5, 8, 1, 4, 7, 6, 12, 18, 4, 10, 16, 2, 8, 14);
    }

    @Test
    void rotationInterpolatesBilinearly() {
        // 45 degrees on a 3x3 image: the centre stays; corner (0,0) samples the source at
        // (y, x) = (1 - sqrt2, 1) = (-0.414, 1): between the fill row -1 and row 0 (value 2 in column 1),
        // with weight y - (-1) = 2 - sqrt2 on row 0.
        Tensor r = RandomRotation.rotate(img3(), 45, 0);
        assertThat(r.get(1, 1)).isEqualTo(5);
        double frac = 2 - Math.sqrt(2);
        assertThat(r.get(0, 0)).isCloseTo((float) (frac * 2), within(1e-5f));
    }

    @Test
    void gaussianNoiseHasTheRequestedStdAndIsSeeded() {
        Tensor x = Tensor.zeros(100, 100);
        Tensor n1 = new GaussianNoise(0.5).apply(x, new Generator(4));
        assertThat(n1.std().item()).isCloseTo(0.5f, within(0.01f));
        assertThat(n1.mean().item()).isCloseTo(0f, within(0.01f));
        assertThat(new GaussianNoise(0.5).apply(x, new Generator(4)).toArray()).containsExactly(n1.toArray());
        assertThat(x.toArray()).containsOnly(0f);
    }

    @Test
    void composeAppliesInOrderAndIsDeterministicForASeed() {
        Transform t = Compose.of(
                new RandomCrop(2), new RandomRotation(10), new RandomHorizontalFlip(), new GaussianNoise(0.05));
        Tensor x = Tensor.rand(new Generator(1), 1, 8, 8);
        Tensor a = t.apply(x, new Generator(123)),
                b = t.apply(x, new Generator(123)),
                c = t.apply(x, new Generator(124));
        assertThat(a.shape()).containsExactly(1, 8, 8);
        assertThat(a.toArray()).containsExactly(b.toArray());
        assertThat(a.toArray()).isNotEqualTo(c.toArray());
        Transform flipThenShift = Compose.of(new RandomHorizontalFlip(1), (s, g) -> RandomCrop.shift(s, 0, 1, 0));
        assertThat(flipThenShift.apply(img3(), new Generator(0)).toArray()).containsExactly(0, 3, 2, 0, 6, 5, 0, 9, 8);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new RandomHorizontalFlip(1.5)).hasMessageContaining("p must be in [0, 1]");
        assertThatThrownBy(() -> new RandomCrop(-1)).hasMessageContaining("padding must be >= 0");
        assertThatThrownBy(() -> new RandomCrop(1).apply(Tensor.zeros(2, 2, 2, 2, 2), new Generator(0)))
                .hasMessageContaining("[C, H, W] or [H, W]");
        assertThatThrownBy(() -> new GaussianNoise(-1)).hasMessageContaining("std");
    }
}
