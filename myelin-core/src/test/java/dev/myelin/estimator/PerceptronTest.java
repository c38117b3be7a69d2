package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.metrics.Labels;
import dev.myelin.tensor.Generator;
import org.junit.jupiter.api.Test;

class PerceptronTest {
    static final float[][] BITS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    @Test
    void learnsAndAndOrExactly() {
        for (int[] y : new int[][] {{0, 0, 0, 1}, {0, 1, 1, 1}}) {
            Perceptron p = new Perceptron().randomState(0).fit(BITS, y);
            assertThat(p.predict(BITS)).containsExactly(y);
            assertThat(p.converged()).isTrue();
            assertThat(p.convergenceMessage()).matches("Epoch \\d+ was the first without updates: .*separated.");
            assertThat(p.score(BITS, y)).isEqualTo(1.0);
            assertThat(p.nIter()).isLessThan(1000); // stops nIterNoChange epochs after the loss stops improving
        }
    }

    @Test
    void xorIsNotLinearlySeparable() {
        int[] xor = {0, 1, 1, 0};
        Perceptron p = new Perceptron().randomState(0).tol(null).maxIter(200).fit(BITS, xor);
        assertThat(p.nIter()).isEqualTo(200); // ran to its limit
        assertThat(p.converged()).isFalse();
        assertThat(p.convergenceMessage()).contains("not linearly separable").contains("XOR");
        // The course's point: no line separates XOR, so a threshold unit gets at most 3 of the 4 points right,
        // whatever weights it ends with.
        assertThat(p.score(BITS, xor)).isLessThanOrEqualTo(0.75);
        Perceptron defaults = new Perceptron().randomState(0).fit(BITS, xor);
        assertThat(defaults.converged()).isFalse();
    }

    @Test
    void scikitLearnRuleByHand() {
        // No shuffle, eta 1, one epoch on AND from w = 0, b = 0, y = ±1, update whenever y·z <= 0:
        // (0,0) y=-1: z=0 -> update: b=-1; (0,1) y=-1: z=-1 ok; (1,0) ok; (1,1) y=+1: z=-1 -> w=(1,1), b=0.
        Perceptron p = new Perceptron().shuffle(false).tol(null).maxIter(1).fit(BITS, new int[] {0, 0, 0, 1});
        assertThat(p.coef()[0]).containsExactly(1f, 1f);
        assertThat(p.intercept()).containsExactly(0f);
        // Second epoch: (0,0): z=0 -> b=-1; (0,1): z=0 -> w=(1,0), b=-2; (1,0): z=-1 ok; (1,1): z=-1 -> w=(2,1), b=-1.
        Perceptron two = new Perceptron().shuffle(false).tol(null).maxIter(2).fit(BITS, new int[] {0, 0, 0, 1});
        assertThat(two.coef()[0]).containsExactly(2f, 1f);
        assertThat(two.intercept()).containsExactly(-1f);
        // eta 0.5 without intercept: (0,0) adds 0; (0,1): z=0 -> w=(0,-0.5); (1,0): z=0 -> w=(-0.5,-0.5);
        // (1,1) y=+1: z=-1 -> w=(0,0).
        Perceptron half = new Perceptron()
                .eta0(0.5)
                .fitIntercept(false)
                .shuffle(false)
                .tol(null)
                .maxIter(1)
                .fit(BITS, new int[] {0, 0, 0, 1});
        assertThat(half.coef()[0]).containsExactly(0f, 0f);
        assertThat(half.intercept()).containsExactly(0f);
    }

    @Test
    void oneVsRestForMoreClassesAndPenalties() {
        TensorDataset d = SyntheticData.makeClassification(300, 10, 4, 0, 3, 1, 3.0, 0.0, new Generator(2));
        float[][] x = Rows.toArray(d.features());
        int[] y = Labels.of(d.targets());
        Perceptron p = new Perceptron().randomState(0).fit(x, y);
        assertThat(p.coef()).hasNumberOfRows(3);
        assertThat(p.intercept()).hasSize(3);
        assertThat(p.classes()).containsExactly(0, 1, 2);
        assertThat(p.score(x, y)).isGreaterThan(0.8);
        double free = norm(p.coef());
        double l2 = norm(new Perceptron()
                .randomState(0)
                .penalty("l2")
                .alpha(0.01)
                .fit(x, y)
                .coef());
        assertThat(l2).isLessThan(free);
        float[][] l1 = new Perceptron()
                .randomState(0)
                .penalty("l1")
                .alpha(0.05)
                .fit(x, y)
                .coef();
        int zeros = 0;
        for (float[] r : l1) for (float v : r) if (v == 0f) zeros++;
        assertThat(zeros).isGreaterThan(0); // L1 drives uninformative weights to exactly zero
        Perceptron es = new Perceptron().randomState(0).earlyStopping(true).fit(x, y);
        assertThat(es.nIter()).isLessThan(1000);
        assertThat(es.score(x, y)).isGreaterThan(0.7);
    }

    @Test
    void stringLabelsAndRestore() {
        Perceptron p = new Perceptron().randomState(0).fit(BITS, new Object[] {"no", "no", "no", "yes"});
        assertThat(p.predictLabels(BITS)).containsExactly("no", "no", "no", "yes");
        Perceptron r = Perceptron.restore(p.coef(), p.intercept(), p.classes());
        assertThat(r.predictLabels(BITS)).containsExactly("no", "no", "no", "yes");
    }

    static double norm(float[][] w) {
        double s = 0;
        for (float[] r : w) for (float v : r) s += v * v;
        return Math.sqrt(s);
    }
}
