package dev.myelin.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Loss values against references computed once with torch 1.13 (float32) for the same inputs — the
 * Python call is quoted above each assertion — or by hand where torch has no such loss.
 */
class LossValuesTest {
    // x = torch.tensor([[1.0, -2.0, 0.5, 3.0], [0.2, 0.1, -1.0, 2.0], [-0.5, 1.5, 2.5, -3.0]])
    private static final Tensor X =
            Tensor.fromRows(new float[][] {{1, -2, 0.5f, 3}, {0.2f, 0.1f, -1, 2}, {-0.5f, 1.5f, 2.5f, -3}});
    // y = torch.tensor([3, 0, 2]); w = torch.tensor([1.0, 2.0, 0.5, 1.5])
    private static final Tensor Y = Tensor.fromArray(new float[] {3, 0, 2});
    private static final Tensor W = Tensor.fromArray(new float[] {1, 2, 0.5f, 1.5f});

    private static void assertValues(Tensor actual, double... expected) {
        float[] a = actual.data();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++)
            assertThat((double) a[i])
                    .as("element " + i)
                    .isCloseTo(expected[i], within(3e-6 + 3e-6 * Math.abs(expected[i])));
    }

    @Test
    void crossEntropyMatchesTorch() {
        // F.cross_entropy(x, y)
        assertValues(new CrossEntropyLoss().forward(X, Y), 0.88834858);
        // F.cross_entropy(x, y, weight=w, label_smoothing=0.1) and reduction='sum' / 'none'
        assertValues(new CrossEntropyLoss(W, -100, Reduction.MEAN, 0.1).forward(X, Y), 1.09311175);
        assertValues(new CrossEntropyLoss(W, -100, Reduction.SUM, 0.1).forward(X, Y), 3.27933502);
        assertValues(
                new CrossEntropyLoss(W, -100, Reduction.NONE, 0.1).forward(X, Y), 0.62957394, 2.11617374, 0.53358722);
        // F.cross_entropy(x, torch.tensor([3, -100, 2]), weight=w, label_smoothing=0.2)
        assertValues(
                new CrossEntropyLoss(W, -100, Reduction.MEAN, 0.2)
                        .forward(X, Tensor.fromArray(new float[] {3, -100, 2})),
                0.92349833);
        // probabilities: F.cross_entropy(x, probs, weight=w, label_smoothing=0.1)
        Tensor probs =
                Tensor.fromRows(new float[][] {{0.1f, 0.2f, 0.3f, 0.4f}, {1, 0, 0, 0}, {0.25f, 0.25f, 0.25f, 0.25f}});
        assertValues(new CrossEntropyLoss(W, -100, Reduction.MEAN, 0.1).forward(X, probs), 2.92336822);
        // one-hot probabilities give the same as class indices
        assertValues(new CrossEntropyLoss().forward(X, Tensor.oneHot(Y, 4)), 0.88834858);
    }

    @Test
    void nllMatchesTorch() {
        // F.nll_loss(F.log_softmax(x, 1), y, weight=w)
        assertValues(new NLLLoss(W, -100, Reduction.MEAN).forward(X.logSoftmax(1), Y), 0.86340904);
        // unbatched: one row and a scalar target
        Tensor row = X.logSoftmax(1).narrow(0, 0, 1).reshape(4);
        assertValues(new NLLLoss(Reduction.NONE).forward(row, Tensor.scalar(3)), -row.get(3));
    }

    @Test
    void binaryCrossEntropyMatchesTorch() {
        Tensor z = Tensor.fromRows(new float[][] {{0.8f, -1.2f}, {2.5f, 0}, {-3, 0.3f}});
        Tensor t = Tensor.fromRows(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        // F.binary_cross_entropy_with_logits(z, t) and with pos_weight=torch.tensor([2.0, 0.5])
        assertValues(new BCEWithLogitsLoss().forward(z, t), 1.25156045);
        assertValues(
                new BCEWithLogitsLoss(null, Tensor.fromArray(new float[] {2, 0.5f}), Reduction.MEAN).forward(z, t),
                1.71754992);
        // F.binary_cross_entropy(pr, t)
        Tensor pr = Tensor.fromRows(new float[][] {{0.9f, 0.2f}, {0.6f, 0.01f}, {0.3f, 0.7f}});
        assertValues(new BCELoss().forward(pr, t), 1.23510218);
        // saturated: F.binary_cross_entropy(tensor([0.0, 1.0, 0.5]), tensor([1.0, 1.0, 0.0]), reduction='none')
        assertValues(
                new BCELoss(Reduction.NONE)
                        .forward(Tensor.fromArray(new float[] {0, 1, 0.5f}), Tensor.fromArray(new float[] {1, 1, 0})),
                100.0,
                0.0,
                0.69314718);
        // logits version equals sigmoid + BCE where both are accurate
        float[] viaSigmoid = new BCELoss(Reduction.NONE).forward(z.sigmoid(), t).data();
        float[] fused = new BCEWithLogitsLoss(Reduction.NONE).forward(z, t).data();
        for (int i = 0; i < fused.length; i++) assertThat(fused[i]).isCloseTo(viaSigmoid[i], within(1e-5f));
        // no overflow for huge logits
        assertValues(
                new BCEWithLogitsLoss(Reduction.NONE)
                        .forward(Tensor.fromArray(new float[] {200, -200}), Tensor.fromArray(new float[] {0, 1})),
                200,
                200);
        assertThatThrownBy(() ->
                        new BCELoss().forward(Tensor.fromArray(new float[] {1.5f}), Tensor.fromArray(new float[] {1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BCEWithLogitsLoss");
    }

    @Test
    void klDivMatchesTorch() {
        // logq = F.log_softmax(torch.tensor([[0.1, 0.5, -0.3], [1.0, 0.0, 2.0]]), 1); tp = [[0.2, 0.5, 0.3], [0.0, 0.4,
        // 0.6]]
        Tensor logq =
                Tensor.fromRows(new float[][] {{0.1f, 0.5f, -0.3f}, {1, 0, 2}}).logSoftmax(1);
        Tensor tp = Tensor.fromRows(new float[][] {{0.2f, 0.5f, 0.3f}, {0, 0.4f, 0.6f}});
        assertValues(new KLDivLoss(Reduction.BATCHMEAN).forward(logq, tp), 0.28809589);
        assertValues(new KLDivLoss().forward(logq, tp), 0.09603196);
        Tensor positive = Tensor.fromRows(new float[][] {{0.2f, 0.5f, 0.3f}, {0.1f, 0.3f, 0.6f}});
        assertValues(
                new KLDivLoss(Reduction.SUM, true).forward(logq, positive.log()),
                new KLDivLoss(Reduction.SUM).forward(logq, positive).item());
    }

    @Test
    void regressionLossesMatchTorch() {
        Tensor a = Tensor.fromArray(new float[] {0.5f, -2, 3, 0.1f, -0.4f}),
                b = Tensor.fromArray(new float[] {0, 1, 0.5f, 0.1f, 1});
        assertValues(new MSELoss().forward(a, b), 3.49199986); // F.mse_loss(a, b)
        assertValues(new L1Loss().forward(a, b), 1.48000002); // F.l1_loss(a, b)
        assertValues(new HuberLoss().forward(a, b), 1.10500002); // F.huber_loss(a, b)
        assertValues(
                new HuberLoss(0.5, Reduction.SUM).forward(a, b),
                3.20000005); // F.huber_loss(a, b, delta=0.5, reduction='sum')
        // the course's E = ½ Σ (o − t)²: half of the summed squared error
        assertValues(new SquaredErrorLoss().forward(a, b), 0.5 * 3.49199986 * 5);
        assertValues(new MSELoss(Reduction.NONE).forward(a, b), 0.25, 9, 6.25, 0, 1.96);
    }

    @Test
    void marginLossesMatchTorchAndHandValues() {
        assertValues(new MultiMarginLoss().forward(X, Y), 0.30833334); // F.multi_margin_loss(x, y)
        // F.multi_margin_loss(x, y, p=2, margin=0.5, weight=w, reduction='none')
        assertValues(new MultiMarginLoss(2, 0.5, W, Reduction.NONE).forward(X, Y), 0.0, 1.36249995, 0.0);
        // by hand: max(0, 1 − y·x) = 0.5, 0, 2.5, 0.8
        Tensor x = Tensor.fromArray(new float[] {0.5f, -2, 1.5f, 0.2f}),
                y = Tensor.fromArray(new float[] {1, -1, -1, 1});
        assertValues(new HingeLoss(1, Reduction.NONE).forward(x, y), 0.5, 0, 2.5, 0.8);
        assertValues(new HingeLoss().forward(x, y), 0.95);
        assertThatThrownBy(() -> new HingeLoss().forward(x, Tensor.fromArray(new float[] {1, 0, 1, 1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 1");
    }

    @Test
    void overlapLossesMatchHandValues() {
        Tensor p = Tensor.fromRows(new float[][] {{0.9f, 0.2f, 0.6f}, {0.1f, 0.8f, 0.3f}});
        Tensor t = Tensor.fromRows(new float[][] {{1, 0, 1}, {0, 1, 0}});
        // sample 0: I = 1.5, Σp = 1.7, Σt = 2 → Dice 1 − 4/4.7; sample 1: I = 0.8, Σp = 1.2, Σt = 1 → 1 − 2.6/3.2
        assertValues(new DiceLoss(1, Reduction.NONE).forward(p, t), 1 - 4 / 4.7, 1 - 2.6 / 3.2);
        assertValues(new DiceLoss().forward(p, t), ((1 - 4 / 4.7) + (1 - 2.6 / 3.2)) / 2);
        // Jaccard: 1 − 2.5/3.2 and 1 − 1.8/2.4
        assertValues(new JaccardLoss(1, Reduction.NONE).forward(p, t), 1 - 2.5 / 3.2, 1 - 1.8 / 2.4);
        // a perfect prediction has zero loss, a 1-D input is one sample
        assertValues(new DiceLoss().forward(t.reshape(-1), t.reshape(-1)), 0);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new MSELoss().forward(Tensor.zeros(4, 1), Tensor.zeros(4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[4, 1]")
                .hasMessageContaining("[4]");
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(X, Tensor.fromArray(new float[] {0, 4, 1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 1");
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(X, Tensor.fromArray(new float[] {0, 1.5f, 1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new MSELoss(Reduction.BATCHMEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KLDivLoss");
        assertThat(Reduction.of("batchmean")).isEqualTo(Reduction.BATCHMEAN);
        assertThatThrownBy(() -> Reduction.of("avg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("avg");
    }
}
