package dev.myelin.data.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Reference values from scikit-learn 1.2.1 on the same X. */
class ScalerTest {
    // The last feature is constant.
    private static final Tensor X =
            Tensor.fromRows(new float[][] {{1, -1, 2, 3}, {2, 0, 0, 3}, {0, 1, -1, 3}, {5, 5, 5.5f, 3}});

    private static void assertClose(Tensor actual, double[] expected) {
        float[] a = actual.toArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++)
            assertThat((double) a[i]).as("element %d", i).isCloseTo(expected[i], within(1e-6));
    }

    private static double[] toDoubles(Tensor t) {
        float[] f = t.toArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    @Test
    void standardScalerMatchesSklearn() {
        StandardScaler s = new StandardScaler().fit(X);
        assertClose(s.mean(), new double[] {2.0, 1.25, 1.625, 3.0});
        assertClose(s.var(), new double[] {3.5, 5.1875, 6.171875, 0.0});
        assertClose(s.scale(), new double[] {1.8708286933869707, 2.277608394786075, 2.484325864293974, 1.0});
        assertClose(s.transform(X), new double[] {
            -0.5345225,
            -0.9878783,
            0.1509464,
            0.0,
            0.0,
            -0.5488213,
            -0.654101,
            0.0,
            -1.069045,
            -0.1097643,
            -1.0566247,
            0.0,
            1.6035675,
            1.6464639,
            1.5597793,
            0.0
        });
        assertClose(s.inverseTransform(s.transform(X)), toDoubles(X));
        assertThat(s.nSamplesSeen()).isEqualTo(4);
    }

    @Test
    void standardScalerOptions() {
        StandardScaler noMean = new StandardScaler(false, true).fit(X);
        assertThat(noMean.transform(X).get(0, 0)).isCloseTo((float) (1 / 1.8708286933869707), within(1e-6f));
        StandardScaler noStd = new StandardScaler(true, false).fit(X);
        assertThat(noStd.transform(X).get(3, 2)).isCloseTo(5.5f - 1.625f, within(1e-6f));
    }

    @Test
    void minMaxScalerMatchesSklearn() {
        MinMaxScaler m = new MinMaxScaler(-1, 2).fit(X);
        assertClose(m.scale(), new double[] {0.6, 0.5, 0.46153846153846156, 3.0});
        assertClose(m.min(), new double[] {-1.0, -0.5, -0.5384615384615384, -10.0});
        assertClose(m.dataMin(), new double[] {0, -1, -1, 3});
        assertClose(m.dataMax(), new double[] {5, 5, 5.5, 3});
        assertClose(m.transform(X), new double[] {
            -0.4, -1.0, 0.3846154, -1.0, 0.2, -0.5, -0.5384615, -1.0, -1.0, 0.0, -1.0, -1.0, 2.0, 2.0, 2.0, -1.0
        });
        // Outside the fitted range: not clipped (sklearn clip=False).
        assertClose(m.transform(Tensor.fromRows(new float[][] {{10, -2, 0, 4}})), new double[] {
            5.0, -1.5, -0.5384615, 2.0
        });
        assertClose(m.inverseTransform(m.transform(X)), toDoubles(X));
        assertClose(new MinMaxScaler().fitTransform(Tensor.fromRows(new float[][] {{2}, {4}, {3}})), new double[] {
            0, 1, 0.5
        });
    }

    @Test
    void misuseIsReported() {
        assertThatThrownBy(() -> new StandardScaler().transform(X)).hasMessageContaining("not fitted yet");
        assertThatThrownBy(() -> new StandardScaler().fit(X).transform(Tensor.zeros(2, 3)))
                .hasMessageContaining("3 features")
                .hasMessageContaining("fitted on 4");
        assertThatThrownBy(() -> new MinMaxScaler().fit(Tensor.zeros(4))).hasMessageContaining("2-D tensor");
        assertThatThrownBy(() -> new MinMaxScaler(1, 1)).hasMessageContaining("must be smaller");
    }
}
