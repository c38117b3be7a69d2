package dev.myelin.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.tensor.Tensor;

/** The tests' comparison: same shape, and every element within 1e-5 (relative to the larger of 1 and its size). */
final class Close {
    static final double TOLERANCE = 1e-5;

    private Close() {}

    static void assertClose(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        float[] a = actual.toArray(), e = expected.toArray();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - e[i]) / Math.max(1, Math.abs(e[i]));
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertThat(worst)
                .as(
                        "%s: largest difference at element %d (%s vs %s)",
                        what, at, at < 0 ? "-" : a[at], at < 0 ? "-" : e[at])
                .isLessThanOrEqualTo(TOLERANCE);
    }
}
