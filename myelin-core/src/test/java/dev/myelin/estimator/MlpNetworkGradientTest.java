package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.nn.Activation;
import dev.myelin.tensor.Generator;
import org.junit.jupiter.api.Test;

/** Backprop's gradient of the regularized loss against central finite differences, for every activation pair. */
class MlpNetworkGradientTest {

    @Test
    void backpropMatchesFiniteDifferences() {
        for (Activation hidden :
                new Activation[] {Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU}) {
            for (OutputLayer output : OutputLayer.values()) {
                check(hidden, output);
            }
        }
    }

    /**
     * Batches big enough to run in 32-row blocks (the last one short): with a first layer read in place per block,
     * and with one too wide for that, run over the whole batch first. A sample of the parameters of every layer.
     */
    @Test
    void backpropInRowBlocksMatchesFiniteDifferences() {
        check(Activation.TANH, OutputLayer.SOFTMAX, new int[] {300, 32, 3}, 120, 7);
        check(Activation.TANH, OutputLayer.SOFTMAX, new int[] {300, 100, 3}, 40, 7);
    }

    private static void check(Activation hidden, OutputLayer output) {
        // scikit-learn's squared loss averages over outputs but its delta (output - target) does not, so its
        // gradient is that of the loss only for one output.
        int nOut = output == OutputLayer.IDENTITY ? 1 : 3;
        check(hidden, output, new int[] {4, 6, 5, nOut}, 5, 1);
    }

    /** Checks every {@code step}-th parameter of a network with the given units on {@code rows} rows. */
    private static void check(Activation hidden, OutputLayer output, int[] units, int rows, int step) {
        int nOut = units[units.length - 1];
        int f = units[0];
        MlpNetwork net = new MlpNetwork(units, hidden, output);
        assertThat(rows * (long) net.coefSize >= MlpNetwork.SMALL_FORWARD_MACS)
                .as("row blocks")
                .isEqualTo(step > 1);
        float[] params = new float[net.size];
        Generator rng = new Generator(7);
        net.initialize(params, rng);
        float[] x = new float[rows * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * rng.nextDouble() - 1);
        }
        float[] y = new float[rows * nOut];
        for (int r = 0; r < rows; r++) {
            if (output == OutputLayer.IDENTITY) {
                for (int j = 0; j < nOut; j++) {
                    y[r * nOut + j] = (float) rng.nextDouble();
                }
            } else {
                y[r * nOut + r % nOut] = 1f;
            }
        }
        MlpNetwork.Workspace ws = net.workspace(rows);
        float[] grad = new float[net.size];
        double alpha = 0.01;
        net.finish(params, grad, net.backprop(params, x, 0, y, 0, rows, ws, grad, false), rows, alpha);
        double h = 1e-3;
        float[] scratch = new float[net.size];
        for (int j = 0; j < net.size; j += step) {
            float keep = params[j];
            params[j] = (float) (keep + h);
            double up = net.finish(
                    params, scratch, net.backprop(params, x, 0, y, 0, rows, ws, scratch, false), rows, alpha);
            params[j] = (float) (keep - h);
            double down = net.finish(
                    params, scratch, net.backprop(params, x, 0, y, 0, rows, ws, scratch, false), rows, alpha);
            params[j] = keep;
            double numeric = (up - down) / (2 * h);
            assertThat((double) grad[j])
                    .as("%s/%s parameter %d", hidden, output, j)
                    .isCloseTo(numeric, within(2e-3 + 2e-2 * Math.abs(numeric)));
        }
    }
}
