package dev.myelin.loss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.GradCheck;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finite-difference gradient checks of every loss, for each reduction, with a batch of 1 and of 5. */
class LossGradientTest {

    private static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    private static Tensor probabilities(Generator gen, int... shape) {
        return Tensor.uniform(gen, 0.05f, 0.95f, shape);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void regressionLosses(int n) {
        Generator gen = new Generator(n);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            Tensor target = Tensor.randn(gen, n, 3);
            Tensor input = target.add(Tensor.uniform(gen, 0.1f, 2f, n, 3)
                    .mul(Tensor.randint(gen, 0, 2, n, 3).mul(2f).sub(1f))); // |x − t| ≥ 0.1
            check(t -> new MSELoss(r).forward(t[0], t[1]), input.copy(), target.copy());
            check(t -> new SquaredErrorLoss(r).forward(t[0], t[1]), input.copy(), target.copy());
            check(t -> new L1Loss(r).forward(t[0], t[1]), input.copy(), target.copy());
            check(t -> new HuberLoss(0.7, r).forward(t[0], t[1]), input.copy(), target.copy());
            check(t -> new SmoothL1Loss(0.7, r).forward(t[0], t[1]), input.copy(), target.copy());
            check(t -> new SmoothL1Loss(3, r).forward(t[0], t[1]), input.copy(), target.copy()); // mostly quadratic
            check(t -> new SmoothL1Loss(0, r).forward(t[0], t[1]), input.copy(), target.copy()); // L1
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void binaryLosses(int n) {
        Generator gen = new Generator(10 + n);
        Tensor targets = Tensor.randint(gen, 0, 2, n, 2);
        check(
                t -> new BCELoss().forward(t[0], t[1]),
                probabilities(gen, n, 2),
                probabilities(gen, n, 2)); // soft targets too
        check(
                t -> new BCELoss(Tensor.fromArray(new float[] {0.5f, 2}), Reduction.SUM).forward(t[0], targets),
                probabilities(gen, n, 2));
        check(
                t -> new BCEWithLogitsLoss().forward(t[0], t[1]),
                Tensor.randn(gen, n, 2).mul(3f),
                probabilities(gen, n, 2));
        check(
                t -> new BCEWithLogitsLoss(
                                Tensor.fromArray(new float[] {0.5f, 2}),
                                Tensor.fromArray(new float[] {3, 0.2f}),
                                Reduction.NONE)
                        .forward(t[0], targets),
                Tensor.randn(gen, n, 2).mul(3f));
        Tensor signs = targets.mul(2f).sub(1f);
        Tensor scores = Tensor.randn(gen, n, 2);
        float[] s = scores.data();
        for (int i = 0; i < s.length; i++) if (Math.abs(Math.abs(s[i]) - 1) < 0.05f) s[i] += 0.2f; // off the hinge
        check(t -> new HingeLoss().forward(t[0], signs), scores);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void classificationLosses(int n) {
        Generator gen = new Generator(20 + n);
        Tensor classes = Tensor.randint(gen, 0, 4, n);
        Tensor w = Tensor.fromArray(new float[] {1, 2, 0.5f, 1.5f});
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            check(t -> new CrossEntropyLoss(r).forward(t[0], classes), Tensor.randn(gen, n, 4));
            check(t -> new CrossEntropyLoss(w, -100, r, 0.15).forward(t[0], classes), Tensor.randn(gen, n, 4));
            check(
                    t -> new CrossEntropyLoss(w, -100, r, 0.1).forward(t[0], t[1].softmax(1)),
                    Tensor.randn(gen, n, 4),
                    Tensor.randn(gen, n, 4));
            check(t -> new NLLLoss(w, -100, r).forward(t[0].logSoftmax(1), classes), Tensor.randn(gen, n, 4));
            check(t -> new MultiMarginLoss(1, 1, null, r).forward(t[0], classes), Tensor.randn(gen, n, 4));
            check(t -> new MultiMarginLoss(2, 0.5, w, r).forward(t[0], classes), Tensor.randn(gen, n, 4));
        }
        check(t -> new CrossEntropyLoss().forward(t[0], Tensor.scalar(2)), Tensor.randn(gen, 4)); // unbatched
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void classificationLossesPerPosition(int n) {
        Generator gen = new Generator(40 + n);
        Tensor w = Tensor.fromArray(new float[] {1, 2, 0.5f, 1.5f});
        Tensor classes = Tensor.randint(gen, 0, 4, n, 2, 3);
        classes.data()[1] = -100; // one ignored position
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            check(t -> new CrossEntropyLoss(r).forward(t[0], classes), Tensor.randn(gen, n, 4, 2, 3));
            check(t -> new CrossEntropyLoss(w, -100, r, 0.2).forward(t[0], classes), Tensor.randn(gen, n, 4, 2, 3));
            check(
                    t -> new CrossEntropyLoss(w, -100, r, 0.1).forward(t[0], t[1].softmax(1)),
                    Tensor.randn(gen, n, 4, 5),
                    Tensor.randn(gen, n, 4, 5));
            check(t -> new NLLLoss(w, -100, r).forward(t[0].logSoftmax(1), classes), Tensor.randn(gen, n, 4, 2, 3));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void distributionAndOverlapLosses(int n) {
        Generator gen = new Generator(30 + n);
        for (Reduction r : new Reduction[] {Reduction.BATCHMEAN, Reduction.MEAN, Reduction.SUM, Reduction.NONE})
            check(
                    t -> new KLDivLoss(r).forward(t[0].logSoftmax(1), t[1].softmax(1)),
                    Tensor.randn(gen, n, 3),
                    Tensor.randn(gen, n, 3));
        check(
                t -> new KLDivLoss(Reduction.BATCHMEAN, true).forward(t[0].logSoftmax(1), t[1].logSoftmax(1)),
                Tensor.randn(gen, n, 3),
                Tensor.randn(gen, n, 3));
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            check(
                    t -> new DiceLoss(1, r).forward(t[0], t[1]),
                    probabilities(gen, n, 2, 3),
                    Tensor.randint(gen, 0, 2, n, 2, 3));
            check(t -> new JaccardLoss(0.5, r).forward(t[0], t[1]), probabilities(gen, n, 6), probabilities(gen, n, 6));
        }
    }
}
