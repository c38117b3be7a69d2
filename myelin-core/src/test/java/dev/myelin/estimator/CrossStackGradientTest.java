package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.loss.BCEWithLogitsLoss;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Activation;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimators' hand-written engine and the autograd stack agree: on the same weights and rows, the estimator's
 * regularized loss and its gradient equal those autograd computes for the same network written with tensor ops
 * (x·W + b per layer, the hidden activation, the output loss from logits, plus alpha/(2n)·Σ‖W‖²).
 */
class CrossStackGradientTest {

    @Test
    void softmaxTanh() {
        check(Activation.TANH, OutputLayer.SOFTMAX, new int[] {5, 7, 6, 3}, 9);
    }

    @Test
    void logisticRelu() {
        check(Activation.RELU, OutputLayer.LOGISTIC, new int[] {4, 8, 1}, 11);
    }

    @Test
    void identitySigmoidInRowBlocks() {
        check(Activation.SIGMOID, OutputLayer.IDENTITY, new int[] {6, 40, 1}, 100); // 100 rows: 32-row blocks
    }

    private static void check(Activation hidden, OutputLayer output, int[] units, int rows) {
        MlpNetwork net = new MlpNetwork(units, hidden, output);
        Generator rng = new Generator(5);
        float[] params = new float[net.size];
        net.initialize(params, rng);
        int f = units[0], nOut = units[units.length - 1];
        float[] x = new float[rows * f];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        float[] y = new float[rows * nOut];
        float[] classes = new float[rows];
        for (int r = 0; r < rows; r++) {
            if (output == OutputLayer.SOFTMAX) {
                classes[r] = r % nOut;
                y[r * nOut + r % nOut] = 1f;
            } else if (output == OutputLayer.LOGISTIC) {
                y[r] = r % 2;
            } else {
                y[r] = (float) rng.nextGaussian();
            }
        }
        double alpha = 0.05;
        float[] grad = new float[net.size];
        double loss = net.finish(
                params, grad, net.backprop(params, x, 0, y, 0, rows, net.workspace(rows), grad, false), rows, alpha);

        // The same network on tensors, weights copied from the flat vector (W_i is [fanIn, fanOut], row-major).
        List<Tensor> weights = new ArrayList<>(), biases = new ArrayList<>();
        Tensor h = new Tensor(x.clone(), rows, f);
        Tensor l2 = null;
        for (int i = 0; i < units.length - 1; i++) {
            int in = units[i], out = units[i + 1];
            Tensor w = new Tensor(Arrays.copyOfRange(params, net.coefOff[i], net.coefOff[i] + in * out), in, out)
                    .requiresGrad(true);
            Tensor b = new Tensor(Arrays.copyOfRange(params, net.interceptOff[i], net.interceptOff[i] + out), out)
                    .requiresGrad(true);
            weights.add(w);
            biases.add(b);
            h = h.matmul(w).add(b);
            if (i < units.length - 2) {
                h = switch (hidden) {
                    case TANH -> h.tanh();
                    case RELU -> h.relu();
                    case SIGMOID -> h.sigmoid();
                    default -> h;
                };
            }
            Tensor sq = w.square().sum();
            l2 = l2 == null ? sq : l2.add(sq);
        }
        Tensor data = switch (output) {
            case SOFTMAX -> new CrossEntropyLoss().forward(h, new Tensor(classes, rows));
            case LOGISTIC -> new BCEWithLogitsLoss().forward(h, new Tensor(y.clone(), rows, 1));
            default ->
                new MSELoss()
                        .forward(h, new Tensor(y.clone(), rows, 1))
                        .mul(0.5f); // scikit-learn's squared loss: ½ mean
        };
        Tensor total = data.add(l2.mul((float) (alpha / (2.0 * rows))));
        total.backward();

        assertThat((double) total.item()).as("loss").isCloseTo(loss, within(1e-5 * Math.max(1, Math.abs(loss))));
        for (int i = 0; i < weights.size(); i++) {
            float[] gw = weights.get(i).grad().toArray(),
                    gb = biases.get(i).grad().toArray();
            for (int j = 0; j < gw.length; j++)
                assertThat(grad[net.coefOff[i] + j])
                        .as("%s/%s dW%d[%d]", hidden, output, i, j)
                        .isCloseTo(gw[j], within(1e-5f + 1e-4f * Math.abs(gw[j])));
            for (int j = 0; j < gb.length; j++)
                assertThat(grad[net.interceptOff[i] + j])
                        .as("%s/%s db%d[%d]", hidden, output, i, j)
                        .isCloseTo(gb[j], within(1e-5f + 1e-4f * Math.abs(gb[j])));
        }
    }
}
