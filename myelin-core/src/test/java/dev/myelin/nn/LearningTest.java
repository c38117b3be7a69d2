package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.NoGrad;
import dev.myelin.loss.BCELoss;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.Loss;
import dev.myelin.loss.MSELoss;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End-to-end learning with the course's output-layer/loss pairings and plain gradient descent
 * w := w − η·∇w written out here (the optimizers live elsewhere). Data is synthetic and seeded.
 */
class LearningTest {

    /** Full-batch gradient descent; returns the final loss. */
    private static float train(Module model, Loss loss, Tensor x, Tensor y, float lr, int steps) {
        float last = Float.NaN;
        for (int s = 0; s < steps; s++) {
            model.zeroGrad();
            Tensor l = loss.forward(model.forward(x), y);
            l.backward();
            last = l.item();
            try (var ignored = NoGrad.enter()) {
                for (Parameter p : model.parameters()) {
                    float[] w = p.data(), g = p.grad().data();
                    for (int i = 0; i < w.length; i++) w[i] -= lr * g[i];
                }
            }
        }
        return last;
    }

    /** Two or more Gaussian blobs in 2-D around the given centers; labels 0..k-1 (as floats). */
    private static Tensor[] blobs(Generator gen, int perClass, float[][] centers, float spread) {
        int n = perClass * centers.length;
        float[] x = new float[n * 2], y = new float[n];
        for (int c = 0; c < centers.length; c++)
            for (int i = 0; i < perClass; i++) {
                int r = c * perClass + i;
                x[2 * r] = centers[c][0] + spread * (float) gen.nextGaussian();
                x[2 * r + 1] = centers[c][1] + spread * (float) gen.nextGaussian();
                y[r] = c;
            }
        return new Tensor[] {new Tensor(x, n, 2), new Tensor(y, n)};
    }

    private static double accuracy(Tensor predicted, Tensor labels) {
        int ok = 0;
        for (int i = 0; i < labels.numel(); i++) if (predicted.data()[i] == labels.data()[i]) ok++;
        return ok / (double) labels.numel();
    }

    @Test
    void regressionWithLinearOutputAndMse() {
        Generator gen = new Generator(1);
        Tensor x = Tensor.randn(gen, 200, 3);
        Tensor y = x.matmul(Tensor.fromArray(new float[] {1, -2, 0.5f}).reshape(3, 1))
                .add(0.3f)
                .add(Tensor.randn(gen, 200, 1).mul(0.05f)); // noise variance 0.0025
        MLP model = new MLP(3, List.of(16), 1, Activation.TANH, gen); // last layer linear
        MSELoss mse = new MSELoss();
        float initial = mse.forward(model.forward(x), y).item();
        float last = train(model, mse, x, y, 0.05f, 600);
        assertThat(initial).isGreaterThan(1f);
        assertThat(last).isLessThan(0.05f); // from ~5.8; the noise floor is 0.0025 (600 steps reach ~0.015)
    }

    @Test
    void binaryClassificationWithSigmoidAndBce() {
        Generator gen = new Generator(2);
        Tensor[] d = blobs(gen, 100, new float[][] {{-1, -1}, {1, 1}}, 0.6f);
        Sequential model = new Sequential(new MLP(2, List.of(8), 1, Activation.RELU, gen), new Sigmoid());
        Tensor target = d[1].reshape(-1, 1);
        train(model, new BCELoss(), d[0], target, 0.5f, 300);
        Tensor predicted;
        try (var ignored = NoGrad.enter()) {
            predicted = model.forward(d[0]).gt(0.5f);
        }
        assertThat(accuracy(predicted, target)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void multiClassWithSoftmaxAndCrossEntropy() {
        Generator gen = new Generator(3);
        Tensor[] d = blobs(gen, 80, new float[][] {{0, 2}, {-2, -1}, {2, -1}}, 0.6f);
        MLP model = new MLP(2, List.of(16), 3, Activation.RELU, gen); // logits; CrossEntropyLoss applies log-softmax
        train(model, new CrossEntropyLoss(), d[0], d[1], 0.3f, 300);
        Tensor probabilities;
        try (var ignored = NoGrad.enter()) {
            probabilities = new Softmax(1).forward(model.forward(d[0]));
        }
        assertThat(accuracy(probabilities.argmax(1), d[1])).isGreaterThanOrEqualTo(0.95);
        assertThat(probabilities.sum(1).allClose(Tensor.ones(240), 1e-5f, 1e-5f))
                .isTrue();
    }

    /**
     * XOR with the smallest network that can represent it: 2 inputs, 2 tanh hidden units, 1 sigmoid
     * output, BCE. A 2-unit XOR net can get stuck in a local minimum for some initializations, so
     * several seeds are tried and at least one must classify all four points. (With this engine seeds 0
     * and 2 solve it, loss ≈ 0.002; seeds 1, 3 and 4 stall at loss ≈ 0.3476 with 2 of 4 points right.)
     */
    @Test
    void xorIsLearnedByTwoHiddenUnits() {
        Tensor x = Tensor.fromRows(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.fromArray(new float[] {0, 1, 1, 0}).reshape(4, 1);
        int solved = 0;
        for (long seed = 0; seed < 5; seed++) {
            Generator gen = new Generator(seed);
            Sequential net = new Sequential(new Linear(2, 2, gen), new Tanh(), new Linear(2, 1, gen), new Sigmoid());
            float loss = train(net, new BCELoss(), x, y, 0.5f, 3000);
            Tensor out;
            try (var ignored = NoGrad.enter()) {
                out = net.forward(x);
            }
            if (accuracy(out.gt(0.5f), y) == 1.0 && loss < 0.1f) solved++;
        }
        assertThat(solved).isGreaterThanOrEqualTo(1);
    }
}
