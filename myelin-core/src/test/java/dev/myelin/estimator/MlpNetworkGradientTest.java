package dev.myelin.estimator;

import dev.myelin.tensor.Generator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Backprop's gradient of the regularized loss against central finite differences, for every activation pair. */
class MlpNetworkGradientTest {

    @Test
    void backpropMatchesFiniteDifferences() {
        for (Activation hidden : Activation.values()) {
            for (OutputLayer output : OutputLayer.values()) {
                check(hidden, output);
            }
        }
    }

    private static void check(Activation hidden, OutputLayer output) {
        int rows = 5;
        // scikit-learn's squared loss averages over outputs but its delta (output - target) does not, so its
        // gradient is that of the loss only for one output.
        int nOut = output == OutputLayer.IDENTITY ? 1 : 3;
        MlpNetwork net = new MlpNetwork(new int[]{4, 6, 5, nOut}, hidden, output);
        float[] params = new float[net.size];
        Generator rng = new Generator(7);
        net.initialize(params, rng);
        float[] x = new float[rows * 4];
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
        for (int j = 0; j < net.size; j++) {
            float keep = params[j];
            params[j] = (float) (keep + h);
            double up = net.finish(params, scratch, net.backprop(params, x, 0, y, 0, rows, ws, scratch, false),
                    rows, alpha);
            params[j] = (float) (keep - h);
            double down = net.finish(params, scratch, net.backprop(params, x, 0, y, 0, rows, ws, scratch, false),
                    rows, alpha);
            params[j] = keep;
            double numeric = (up - down) / (2 * h);
            assertThat((double) grad[j]).as("%s/%s parameter %d", hidden, output, j)
                    .isCloseTo(numeric, within(2e-3 + 2e-2 * Math.abs(numeric)));
        }
    }
}
