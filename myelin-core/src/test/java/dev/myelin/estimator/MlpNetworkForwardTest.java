package dev.myelin.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.kernel.Parallel;
import dev.myelin.nn.Activation;
import dev.myelin.tensor.Generator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The blocked, parallel forward pass: the same bits for any thread count, and for shuffled rows copied on the way. */
class MlpNetworkForwardTest {

    private final int threads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threads);
    }

    private static float[] random(Generator rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return x;
    }

    @Test
    void forwardIsIdenticalForEveryThreadCount() {
        // Batches that are not multiples of the block, wide and narrow layers, enough work to split.
        for (int rows : new int[] {1, 31, 200, 1000}) {
            MlpNetwork net = new MlpNetwork(new int[] {300, 100, 32, 10}, Activation.RELU, OutputLayer.SOFTMAX);
            Generator rng = new Generator(3);
            float[] params = new float[net.size];
            net.initialize(params, rng);
            float[] x = random(rng, rows * 300);
            float[][] out = new float[3][];
            for (int t = 1; t <= 3; t++) {
                Parallel.setThreads(t);
                MlpNetwork.Workspace ws = net.workspace(rows);
                net.forward(params, x, 0, rows, ws);
                out[t - 1] = java.util.Arrays.copyOf(ws.output(), rows * 10);
            }
            assertArrayEquals(out[0], out[1], "2 threads vs 1, rows " + rows);
            assertArrayEquals(out[0], out[2], "3 threads vs 1, rows " + rows);
        }
    }

    @Test
    void shuffledBatchEqualsBackpropOnTheCopiedRows() {
        // a first layer on the direct path (read in place per block) and one too wide for it (whole batch first)
        for (int[] units : new int[][] {{40, 32, 16, 3}, {300, 32, 16, 3}, {300, 100, 3}}) {
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                checkShuffledAgainstCopied(units);
            }
        }
    }

    @Test
    void backpropIsIdenticalForEveryThreadCount() {
        for (int[] units : new int[][] {{40, 32, 16, 3}, {300, 32, 16, 3}, {300, 100, 3}}) {
            MlpNetwork net = new MlpNetwork(units, Activation.RELU, OutputLayer.SOFTMAX);
            Generator rng = new Generator(9);
            float[] params = new float[net.size];
            net.initialize(params, rng);
            int rows = 200;
            int f = units[0];
            float[] x = random(rng, rows * f);
            float[] y = new float[rows * 3];
            for (int r = 0; r < rows; r++) {
                y[r * 3 + r % 3] = 1f;
            }
            float[][] grads = new float[3][];
            double[] losses = new double[3];
            for (int t = 1; t <= 3; t++) {
                Parallel.setThreads(t);
                grads[t - 1] = new float[net.size];
                losses[t - 1] = net.backprop(params, x, 0, y, 0, rows, net.workspace(rows), grads[t - 1], false);
            }
            assertEquals(losses[0], losses[1]);
            assertEquals(losses[0], losses[2]);
            assertArrayEquals(grads[0], grads[1], "2 threads vs 1, first layer " + units[1]);
            assertArrayEquals(grads[0], grads[2], "3 threads vs 1, first layer " + units[1]);
        }
    }

    private static void checkShuffledAgainstCopied(int[] units) {
        int n = 500;
        int f = units[0];
        int rows = 150;
        MlpNetwork net = new MlpNetwork(units, Activation.TANH, OutputLayer.SOFTMAX);
        Generator rng = new Generator(5);
        float[] params = new float[net.size];
        net.initialize(params, rng);
        float[] x = random(rng, n * f);
        float[] y = new float[n * 3];
        for (int r = 0; r < n; r++) {
            y[r * 3 + r % 3] = 1f;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (i * 7919) % n; // a permutation: 7919 is prime and does not divide 500
        }
        int start = 100;
        // Reference: the rows copied first, then the ordinary pass.
        float[] xr = new float[rows * f];
        float[] yr = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, order[start + r] * f, xr, r * f, f);
            System.arraycopy(y, order[start + r] * 3, yr, r * 3, 3);
        }
        float[] gradRef = new float[net.size];
        double lossRef = net.backprop(params, xr, 0, yr, 0, rows, net.workspace(rows), gradRef, false);

        float[] xb = new float[rows * f];
        float[] grad = new float[net.size];
        double loss = net.backpropRows(params, x, order, start, xb, yr, rows, net.workspace(rows), grad);
        assertEquals(lossRef, loss);
        assertArrayEquals(gradRef, grad);
        assertArrayEquals(xr, xb);
    }
}
