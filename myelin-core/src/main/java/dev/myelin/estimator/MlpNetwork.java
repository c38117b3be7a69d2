package dev.myelin.estimator;

import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.VectorOps;
import dev.myelin.tensor.Generator;

/**
 * A fully connected network whose weights live in one flat {@code float[]}, packed as scikit-learn's {@code _pack}
 * does: all coefficient matrices (each fanIn×fanOut, row-major) first, then all intercept vectors. One flat vector
 * lets L-BFGS and the stochastic optimizers treat the network as a single parameter array.
 *
 * <p>{@link #forward} and {@link #backprop} follow scikit-learn's {@code _forward_pass} / {@code _backprop}:
 * activations[i+1] = f(activations[i]·W_i + b_i); the output delta is {@code output - target}, and each hidden
 * delta is delta·W^T times f'. Gradients are accumulated unnormalized; {@link #finish} adds the L2 term and
 * divides by the number of samples.
 */
final class MlpNetwork {
    final int[] units;
    final int nLayers;
    final int[] coefOff;
    final int[] interceptOff;
    final int size;
    final int coefSize;
    final Activation hidden;
    final OutputLayer output;

    MlpNetwork(int[] units, Activation hidden, OutputLayer output) {
        this.units = units.clone();
        this.nLayers = units.length;
        this.hidden = hidden;
        this.output = output;
        coefOff = new int[nLayers - 1];
        interceptOff = new int[nLayers - 1];
        int off = 0;
        for (int i = 0; i < nLayers - 1; i++) {
            coefOff[i] = off;
            off += units[i] * units[i + 1];
        }
        coefSize = off;
        for (int i = 0; i < nLayers - 1; i++) {
            interceptOff[i] = off;
            off += units[i + 1];
        }
        size = off;
    }

    int nFeatures() {
        return units[0];
    }

    int nOutputs() {
        return units[nLayers - 1];
    }

    /**
     * Glorot-uniform initialization as scikit-learn: bound sqrt(6 / (fanIn + fanOut)), sqrt(2 / ...) for the
     * logistic activation; layer by layer, weights then intercepts.
     */
    void initialize(float[] params, Generator rng) {
        double factor = hidden == Activation.LOGISTIC ? 2.0 : 6.0;
        for (int i = 0; i < nLayers - 1; i++) {
            double bound = Math.sqrt(factor / (units[i] + units[i + 1]));
            int nw = units[i] * units[i + 1];
            for (int j = 0; j < nw; j++) {
                params[coefOff[i] + j] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            for (int j = 0; j < units[i + 1]; j++) {
                params[interceptOff[i] + j] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
    }

    /** Buffers for one batch size: the activations of layers 1..L-1 and their deltas. */
    final class Workspace {
        final int capacity;
        final float[][] acts;
        final float[][] deltas;

        Workspace(int capacity) {
            this.capacity = capacity;
            acts = new float[nLayers][];
            deltas = new float[nLayers][];
            for (int i = 1; i < nLayers; i++) {
                acts[i] = new float[capacity * units[i]];
                deltas[i] = new float[capacity * units[i]];
            }
        }

        /** The output probabilities / values of the last forward pass, rows×nOutputs. */
        float[] output() {
            return acts[nLayers - 1];
        }
    }

    Workspace workspace(int capacity) {
        return new Workspace(capacity);
    }

    /** Forward pass of {@code rows} samples starting at x[xOff] (row-major, nFeatures wide). */
    void forward(float[] params, float[] x, int xOff, int rows, Workspace ws) {
        float[] in = x;
        int inOff = xOff;
        for (int i = 0; i < nLayers - 1; i++) {
            int fanIn = units[i];
            int fanOut = units[i + 1];
            float[] out = ws.acts[i + 1];
            // out = b + in·W: the intercept row copied in, then the product accumulated onto it (no
            // separate bias pass over the output).
            for (int r = 0; r < rows; r++) {
                System.arraycopy(params, interceptOff[i], out, r * fanOut, fanOut);
            }
            Gemm.sgemm(false, false, rows, fanOut, fanIn, in, inOff, fanIn, params, coefOff[i], fanOut,
                    out, 0, fanOut, true);
            if (i < nLayers - 2) {
                hidden.forward(out, rows * fanOut);
            } else {
                output.activate(out, rows, fanOut);
            }
            in = out;
            inOff = 0;
        }
    }

    /**
     * Forward and backward pass over one batch: returns the summed data loss of the batch and writes (or, with
     * {@code accumulate}, adds) the unnormalized gradients Σ activations^T·delta and Σ delta into grad.
     */
    double backprop(float[] params, float[] x, int xOff, float[] y, int yOff, int rows, Workspace ws,
                    float[] grad, boolean accumulate) {
        forward(params, x, xOff, rows, ws);
        int last = nLayers - 1;
        int nOut = units[last];
        float[] out = ws.acts[last];
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            loss += output.rowLoss(out, r * nOut, y, yOff + r * nOut, nOut);
        }
        // Output delta of each (activation, loss) pair: output - target.
        PlainLoops.sub(out, y, yOff, ws.deltas[last], rows * nOut);
        for (int i = last - 1; i >= 0; i--) {
            int fanIn = units[i];
            int fanOut = units[i + 1];
            float[] delta = ws.deltas[i + 1];
            float[] in = i == 0 ? x : ws.acts[i];
            int inOff = i == 0 ? xOff : 0;
            // dW_i = activations[i]^T · delta_{i+1}; db_i = column sums of delta_{i+1}
            Gemm.sgemm(true, false, fanIn, fanOut, rows, in, inOff, fanIn, delta, 0, fanOut,
                    grad, coefOff[i], fanOut, accumulate);
            if (!accumulate) {
                VectorOps.fill(grad, interceptOff[i], 0f, fanOut);
            }
            for (int r = 0; r < rows; r++) {
                VectorOps.add(grad, interceptOff[i], delta, r * fanOut, grad, interceptOff[i], fanOut);
            }
            if (i > 0) {
                // delta_i = (delta_{i+1} · W_i^T) * f'(activations[i])
                Gemm.sgemm(false, true, rows, fanIn, fanOut, delta, 0, fanOut, params, coefOff[i], fanOut,
                        ws.deltas[i], 0, fanIn, false);
                hidden.backward(ws.acts[i], ws.deltas[i], rows * fanIn);
            }
        }
        return loss;
    }

    /**
     * Turns summed loss and gradients over n samples into scikit-learn's objective:
     * loss/n + alpha/(2n)·Σ‖W‖², gradient (G + alpha·W)/n for weights and G/n for intercepts.
     */
    double finish(float[] params, float[] grad, double lossSum, int n, double alpha) {
        double sq = 0;
        for (int j = 0; j < coefSize; j++) {
            sq += (double) params[j] * params[j];
        }
        float invN = 1f / n;
        float reg = (float) (alpha / n);
        for (int j = 0; j < coefSize; j++) {
            grad[j] = grad[j] * invN + reg * params[j];
        }
        for (int j = coefSize; j < size; j++) {
            grad[j] *= invN;
        }
        return lossSum / n + 0.5 * alpha * sq / n;
    }
}
