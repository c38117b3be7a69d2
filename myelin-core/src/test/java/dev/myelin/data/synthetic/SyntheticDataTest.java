package dev.myelin.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    private static int[] counts(Tensor y, int classes) {
        int[] c = new int[classes];
        for (float v : y.data()) c[(int) v]++;
        return c;
    }

    /** "x,y:label" strings, rounded, for order-independent comparison. */
    private static List<String> points(TensorDataset d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++)
            out.add(String.format(
                    "%.3f,%.3f:%d",
                    d.features().get(i, 0) + 0.0, d.features().get(i, 1) + 0.0, (int)
                            d.targets().get(i)));
        return out;
    }

    @Test
    void logicTablesAreTheFourTruthTablePoints() {
        assertThat(SyntheticData.xor().features().toArray()).containsExactly(0, 0, 0, 1, 1, 0, 1, 1);
        assertThat(SyntheticData.xor().targets().shape()).containsExactly(4, 1);
        assertThat(SyntheticData.xor().targets().toArray()).containsExactly(0, 1, 1, 0);
        assertThat(SyntheticData.and().targets().toArray()).containsExactly(0, 0, 0, 1);
        assertThat(SyntheticData.or().targets().toArray()).containsExactly(0, 1, 1, 1);
    }

    @Test
    void twoMoonsWithoutNoiseLieOnTheTwoArcs() {
        // sklearn make_moons(6, noise=None): outer (1,0),(0,1),(-1,0); inner (0,0.5),(1,-0.5),(2,0.5)
        assertThat(points(SyntheticData.twoMoons(6, 0, new Generator(0))))
                .containsExactlyInAnyOrder(
                        "1.000,0.000:0",
                        "0.000,1.000:0",
                        "-1.000,0.000:0",
                        "0.000,0.500:1",
                        "1.000,-0.500:1",
                        "2.000,0.500:1");
        TensorDataset noisy = SyntheticData.twoMoons(200, 0.1, new Generator(1));
        assertThat(counts(noisy.targets(), 2)).containsExactly(100, 100);
        assertThat(noisy.features().toArray())
                .containsExactly(SyntheticData.twoMoons(200, 0.1, new Generator(1))
                        .features()
                        .toArray());
    }

    @Test
    void circlesHaveRadiusOneAndFactor() {
        assertThat(points(SyntheticData.circles(8, 0, 0.5, new Generator(0))))
                .containsExactlyInAnyOrder(
                        "1.000,0.000:0",
                        "0.000,1.000:0",
                        "-1.000,0.000:0",
                        "-0.000,-1.000:0",
                        "0.500,0.000:1",
                        "0.000,0.500:1",
                        "-0.500,0.000:1",
                        "-0.000,-0.500:1");
        TensorDataset c = SyntheticData.circles(101, 0, 0.3, new Generator(2));
        assertThat(counts(c.targets(), 2)).containsExactly(50, 51);
        for (int i = 0; i < c.size(); i++) {
            double r = Math.hypot(c.features().get(i, 0), c.features().get(i, 1));
            assertThat(r).isCloseTo(c.targets().get(i) == 0 ? 1 : 0.3, within(1e-6));
        }
    }

    @Test
    void spiralsHaveOneArmPerClass() {
        TensorDataset s = SyntheticData.spirals(301, 3, 0, new Generator(0));
        assertThat(counts(s.targets(), 3)).containsExactly(101, 100, 100);
        // Without noise each point is at radius r with angle 4k + 4r.
        for (int i = 0; i < s.size(); i++) {
            double px = s.features().get(i, 0), py = s.features().get(i, 1), r = Math.hypot(px, py);
            assertThat(r).isBetween(0.0, 1.0 + 1e-6);
            if (r > 1e-3) {
                double angle = 4 * s.targets().get(i) + 4 * r;
                assertThat(px).isCloseTo(r * Math.sin(angle), within(1e-5));
                assertThat(py).isCloseTo(r * Math.cos(angle), within(1e-5));
            }
        }
        assertThat(SyntheticData.spirals(50, 2, 0.2, new Generator(5))
                        .features()
                        .toArray())
                .containsExactly(SyntheticData.spirals(50, 2, 0.2, new Generator(5))
                        .features()
                        .toArray());
    }

    @Test
    void blobsAreCentredOnTheirCentres() {
        Tensor centers = Tensor.fromRows(new float[][] {{0, 0}, {10, -5}});
        assertThat(points(SyntheticData.blobs(4, centers, 0, new Generator(0))))
                .containsExactlyInAnyOrder("0.000,0.000:0", "0.000,0.000:0", "10.000,-5.000:1", "10.000,-5.000:1");
        TensorDataset b = SyntheticData.blobs(3000, 3, 0.5, new Generator(3));
        assertThat(counts(b.targets(), 3)).containsExactly(1000, 1000, 1000);
        for (int k = 0; k < 3; k++) {
            double sx = 0, sxx = 0;
            int m = 0;
            for (int i = 0; i < b.size(); i++)
                if (b.targets().get(i) == k) {
                    double v = b.features().get(i, 0);
                    sx += v;
                    sxx += v * v;
                    m++;
                }
            double mean = sx / m, std = Math.sqrt(sxx / m - mean * mean);
            assertThat(mean).isBetween(-10.1, 10.1);
            assertThat(std).isCloseTo(0.5, within(0.05));
        }
    }

    @Test
    void makeClassificationHasInformativeRedundantAndNoiseColumns() {
        TensorDataset d = SyntheticData.makeClassification(400, 5, 2, 1, 2, 1.0, 0.0, new Generator(7));
        assertThat(d.features().shape()).containsExactly(400, 5);
        assertThat(counts(d.targets(), 2)).containsExactly(200, 200);
        // The redundant column 2 is an exact linear combination of columns 0 and 1: least squares residual ~ 0.
        double s00 = 0, s01 = 0, s11 = 0, s0r = 0, s1r = 0;
        float[] x = d.features().data();
        for (int i = 0; i < 400; i++) {
            double a = x[i * 5], b = x[i * 5 + 1], r = x[i * 5 + 2];
            s00 += a * a;
            s01 += a * b;
            s11 += b * b;
            s0r += a * r;
            s1r += b * r;
        }
        double det = s00 * s11 - s01 * s01, c0 = (s0r * s11 - s1r * s01) / det, c1 = (s1r * s00 - s0r * s01) / det;
        for (int i = 0; i < 400; i++)
            assertThat((double) x[i * 5 + 2]).isCloseTo(c0 * x[i * 5] + c1 * x[i * 5 + 1], within(1e-4));
        assertThat(Math.abs(c0) + Math.abs(c1)).isGreaterThan(0.01);
        // Noise columns are standard normal and unrelated to the label.
        double m = 0;
        for (int i = 0; i < 400; i++) m += x[i * 5 + 4];
        assertThat(m / 400).isCloseTo(0, within(0.2));
        // Same seed, same data.
        assertThat(SyntheticData.makeClassification(400, 5, 2, 1, 2, 1.0, 0.0, new Generator(7))
                        .features()
                        .toArray())
                .containsExactly(x);
    }

    @Test
    void makeClassificationClassesAreSeparableWithLargeClassSep() {
        // One cluster per class at opposite hypercube vertices, far apart: classes are separated by their centroids.
        TensorDataset d = SyntheticData.makeClassification(300, 4, 3, 0, 3, 1, 10.0, 0.0, new Generator(1));
        float[] x = d.features().data(), y = d.targets().data();
        double[][] centroid = new double[3][3];
        int[] n = counts(d.targets(), 3);
        assertThat(n).containsExactly(100, 100, 100);
        for (int i = 0; i < 300; i++) for (int j = 0; j < 3; j++) centroid[(int) y[i]][j] += x[i * 4 + j] / 100.0;
        int correct = 0;
        for (int i = 0; i < 300; i++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int k = 0; k < 3; k++) {
                double dd = 0;
                for (int j = 0; j < 3; j++) dd += Math.pow(x[i * 4 + j] - centroid[k][j], 2);
                if (dd < bestD) {
                    bestD = dd;
                    best = k;
                }
            }
            if (best == y[i]) correct++;
        }
        assertThat(correct).isGreaterThan(290);
        // flipY = 1 relabels every sample uniformly at random: about a third keep their class.
        TensorDataset flipped = SyntheticData.makeClassification(3000, 4, 3, 0, 3, 1, 10.0, 1.0, new Generator(1));
        for (int c : counts(flipped.targets(), 3)) assertThat(c).isBetween(900, 1100);
    }

    @Test
    void makeClassificationRejectsImpossibleConfigurations() {
        assertThatThrownBy(() -> SyntheticData.makeClassification(10, 2, 2, 1, 2, 1, 0, new Generator(0)))
                .hasMessageContaining("nInformative + nRedundant <= nFeatures");
        assertThatThrownBy(() -> SyntheticData.makeClassification(10, 4, 1, 0, 3, 1, 0, new Generator(0)))
                .hasMessageContaining("2**nInformative");
    }

    @Test
    void makeRegressionTargetsAreXTimesCoefPlusNoise() {
        RegressionSet r = SyntheticData.makeRegression(200, 6, 3, 0.0, new Generator(4));
        assertThat(r.x().shape()).containsExactly(200, 6);
        assertThat(r.y().shape()).containsExactly(200, 1);
        assertThat(r.coef().shape()).containsExactly(6);
        float[] c = r.coef().data();
        int nonzero = 0;
        for (float v : c) {
            assertThat(v).isBetween(0f, 100f);
            if (v != 0) nonzero++;
        }
        assertThat(nonzero).isEqualTo(3);
        Tensor pred = r.x().matmul(r.coef().reshape(6, 1));
        assertThat(pred.allClose(r.y(), 1e-5f, 1e-3f)).isTrue();
        RegressionSet noisy = SyntheticData.makeRegression(5000, 4, 4, 2.0, new Generator(4));
        Tensor resid = noisy.y().sub(noisy.x().matmul(noisy.coef().reshape(4, 1)));
        assertThat(resid.std().item()).isCloseTo(2.0f, within(0.1f));
    }

    @Test
    void sumRegressionIsTheCourseProblem() {
        TensorDataset s = SyntheticData.sumRegression(new Generator(0));
        assertThat(s.features().shape()).containsExactly(100, 10);
        assertThat(s.targets().shape()).containsExactly(100, 1);
        assertThat(s.features().sum(1, true).allClose(s.targets(), 1e-5f, 1e-5f))
                .isTrue();
        assertThat(s.features().toArray())
                .containsExactly(Tensor.randn(new Generator(0), 100, 10).toArray());
    }
}
