package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdamKernelTest {

    private static final AdamKernel.Scalars ADAM = new AdamKernel.Scalars(0.9f, 0.999f, 0.01f, 0.03f, 1e-8f, 0.1f, 1f);
    private static final AdamKernel.Scalars ADAMW =
            new AdamKernel.Scalars(0.8f, 0.99f, 0.002f, 0.5f, 1e-6f, 0f, 0.999f);

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** Sizes below, at and across the vector width, and big enough to be split across threads. */
    private static final int[] SIZES = {0, 1, 7, 16, 17, 63, 100, 200_003};

    @Test
    void matchesTheScalarFormulaBitForBit() {
        for (AdamKernel.Scalars h : new AdamKernel.Scalars[] {ADAM, ADAMW}) {
            for (boolean amsgrad : new boolean[] {false, true}) {
                for (int n : SIZES) {
                    State s = new State(n, 7L * n + 1);
                    State expected = s.copy();
                    expected.scalarStep(h, amsgrad);
                    AdamKernel.step(s.p, s.g, s.m, s.v, amsgrad ? s.vMax : null, h);
                    assertThat(s.p).as("p, n=%d amsgrad=%s", n, amsgrad).containsExactly(expected.p);
                    assertThat(s.m).containsExactly(expected.m);
                    assertThat(s.v).containsExactly(expected.v);
                    if (amsgrad) {
                        assertThat(s.vMax).containsExactly(expected.vMax);
                    }
                }
            }
        }
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() {
        State one = new State(300_001, 5), two = one.copy();
        Parallel.setThreads(1);
        AdamKernel.step(one.p, one.g, one.m, one.v, null, ADAM);
        Parallel.setThreads(2);
        AdamKernel.step(two.p, two.g, two.m, two.v, null, ADAM);
        assertThat(two.p).containsExactly(one.p);
    }

    @Test
    void firstStepByHand() {
        // lr 0.1, betas 0.9/0.999, t = 1: stepSize = 0.1/(1-0.9) = 1, bc2Sqrt = sqrt(0.001).
        // g = 2: m = 0.2, v = 0.004, p = 1 - 1 * 0.2 / (sqrt(0.004)/sqrt(0.001) + 1e-8) = 1 - 0.1 = 0.9.
        float[] p = {1f}, g = {2f}, m = {0f}, v = {0f};
        AdamKernel.step(
                p, g, m, v, null, new AdamKernel.Scalars(0.9f, 0.999f, 1f, (float) Math.sqrt(0.001), 1e-8f, 0f, 1f));
        assertThat(m[0]).isEqualTo(0.2f, within(1e-7f));
        assertThat(v[0]).isEqualTo(0.004f, within(1e-7f)); // 1 - 0.999f is not exactly 0.001 in float
        assertThat(p[0]).isEqualTo(0.9f, within(1e-6f));
    }

    @Test
    void rejectsArraysOfDifferentLengths() {
        assertThatThrownBy(() -> AdamKernel.step(new float[3], new float[2], new float[3], new float[3], null, ADAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("param 3, grad 2");
    }

    /** Parameter, gradient and moment buffers with random contents, and the plain scalar update. */
    private static final class State {
        final float[] p, g, m, v, vMax;

        State(int n, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            p = random(rnd, n, 1);
            g = random(rnd, n, 3);
            m = random(rnd, n, 0.5);
            v = new float[n];
            vMax = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) rnd.nextDouble() * 0.1f;
                vMax[i] = (float) rnd.nextDouble() * 0.1f;
            }
        }

        private State(float[] p, float[] g, float[] m, float[] v, float[] vMax) {
            this.p = p;
            this.g = g;
            this.m = m;
            this.v = v;
            this.vMax = vMax;
        }

        State copy() {
            return new State(p.clone(), g.clone(), m.clone(), v.clone(), vMax.clone());
        }

        void scalarStep(AdamKernel.Scalars h, boolean amsgrad) {
            for (int i = 0; i < p.length; i++) {
                float pi = p[i] * h.shrink();
                float gi = g[i] + h.l2() * p[i];
                m[i] = h.beta1() * m[i] + (1 - h.beta1()) * gi;
                v[i] = h.beta2() * v[i] + (1 - h.beta2()) * gi * gi;
                float second = v[i];
                if (amsgrad) {
                    second = vMax[i] = Math.max(vMax[i], v[i]);
                }
                float denom = (float) Math.sqrt(second) / h.bc2Sqrt() + h.eps();
                p[i] = pi - h.stepSize() * (m[i] / denom);
            }
        }

        private static float[] random(SplittableRandom rnd, int n, double scale) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
            }
            return x;
        }
    }
}
