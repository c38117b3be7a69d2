package dev.myelin.estimator;

import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.Parallel;
import dev.myelin.kernel.VectorOps;
import dev.myelin.nn.Activation;
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
    /** Rows per block of the forward pass (see the forward pass with a row order). */
    static final int FORWARD_BLOCK = 32;
    /** Forward passes with fewer multiply-adds than this run as one block. */
    static final long SMALL_FORWARD_MACS = 1L << 20;

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
        double factor = hidden == Activation.SIGMOID ? 2.0 : 6.0;
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
        /** The summed loss of each row block of the last backprop, added up in block order afterwards. */
        final double[] blockLoss;

        Workspace(int capacity) {
            this.capacity = capacity;
            blockLoss = new double[Math.max(1, (capacity + FORWARD_BLOCK - 1) / FORWARD_BLOCK)];
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
        forward(params, x, xOff, null, 0, null, rows, ws);
    }

    /**
     * Forward pass in blocks of {@link #FORWARD_BLOCK} rows (one block below {@link #SMALL_FORWARD_MACS}), the
     * blocks split over the kernel pool and each taken through every layer (rows are independent). With a row
     * {@code order}, batch row r is row order[orderStart + r] of x (the shuffled mini-batch): the first layer reads
     * it in place and the block then copies it into xb. The blocks are the same whatever the thread count, so the
     * products, and the results, are too.
     */
    void forward(float[] params, float[] x, int xOff, int[] order, int orderStart, float[] xb, int rows, Workspace ws) {
        forwardBlocks(params, x, xOff, order, orderStart, xb, rows, ws, null);
    }

    /** What a block does on its own thread after its forward pass (training: its loss and deltas). */
    @FunctionalInterface
    private interface AfterForward {
        void run(int block, int r0, int n);
    }

    /**
     * The forward pass in blocks (see {@link #forward}), each block then running {@code after} (null: nothing).
     * Returns the number of blocks.
     */
    private int forwardBlocks(
            float[] params,
            float[] x,
            int xOff,
            int[] order,
            int orderStart,
            float[] xb,
            int rows,
            Workspace ws,
            AfterForward after) {
        int block = blockRows(rows);
        int blocks = (rows + block - 1) / block;
        boolean firstLayerDone = firstLayerOverWholeBatch(params, x, xOff, order, orderStart, xb, rows, block, ws);
        Parallel.forRange(blocks, 1, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                int r0 = b * block;
                int n = Math.min(block, rows - r0);
                forwardBlock(params, x, xOff, order, orderStart, xb, r0, n, ws, firstLayerDone);
                if (after != null) {
                    after.run(b, r0, n);
                }
            }
        });
        return blocks;
    }

    /**
     * Runs the first layer over the whole batch, before the blocks, when a block's first product would not take
     * the direct path: a wide first layer (scikit-learn's default 100 units) goes to the packed GEMM, which would
     * pack W again for every 32-row block, and splits one big product over the pool well by itself (Fashion-MNIST,
     * 100 units: 0.367-0.372 s a fit against 0.309-0.313 s). Rows that come through an order are copied into xb
     * first. Returns whether it ran; the choice depends on the shapes only.
     */
    private boolean firstLayerOverWholeBatch(
            float[] params,
            float[] x,
            int xOff,
            int[] order,
            int orderStart,
            float[] xb,
            int rows,
            int block,
            Workspace ws) {
        int f = units[0];
        if (rows == 0 || Gemm.gathersInPlace(Math.min(block, rows), units[1], f)) {
            return false;
        }
        if (order == null) {
            layer(params, 0, x, xOff, null, 0, 0, rows, ws);
            return true;
        }
        Parallel.forRange(rows, FORWARD_BLOCK, (r0, r1) -> copyRows(x, xOff, order, orderStart, xb, r0, r1));
        layer(params, 0, xb, 0, null, 0, 0, rows, ws);
        return true;
    }

    /**
     * Rows per block: {@link #FORWARD_BLOCK}, or the whole batch when it is small (more products and a fork would
     * cost more than they save). The choice depends on the batch and the network only, not on the thread count.
     */
    private int blockRows(int rows) {
        return (long) rows * coefSize < SMALL_FORWARD_MACS ? Math.max(1, rows) : FORWARD_BLOCK;
    }

    /**
     * Batch rows [r0, r0+n) through every layer (from the second when the first ran over the whole batch). Rows
     * that come through an order are read in place by the first layer's product (their fetch from memory then
     * overlaps its arithmetic) and copied into xb right after, while they are still in this core's cache, for the
     * weight gradient.
     */
    private void forwardBlock(
            float[] params,
            float[] x,
            int xOff,
            int[] order,
            int orderStart,
            float[] xb,
            int r0,
            int n,
            Workspace ws,
            boolean firstLayerDone) {
        int f = units[0];
        if (!firstLayerDone && order == null) {
            layer(params, 0, x, xOff + r0 * f, null, 0, r0, n, ws);
        } else if (!firstLayerDone) {
            layer(params, 0, x, xOff, order, orderStart + r0, r0, n, ws);
            copyRows(x, xOff, order, orderStart, xb, r0, r0 + n);
        }
        for (int i = 1; i < nLayers - 1; i++) {
            layer(params, i, ws.acts[i], r0 * units[i], null, 0, r0, n, ws);
        }
    }

    /** Batch rows [r0, r1) into xb: row r is row order[orderStart + r] of the matrix at x[xOff]. */
    private void copyRows(float[] x, int xOff, int[] order, int orderStart, float[] xb, int r0, int r1) {
        int f = units[0];
        for (int r = r0; r < r1; r++) {
            System.arraycopy(x, xOff + order[orderStart + r] * f, xb, r * f, f);
        }
    }

    /**
     * acts[i+1] rows [r0, r0+n) = f(in·W_i + b_i): the intercept row copied in, then the product accumulated onto
     * it (no separate bias pass over the output). The input rows start at in[inOff], or are rows order[orderAt..]
     * of the matrix at in[inOff].
     */
    private void layer(
            float[] params, int i, float[] in, int inOff, int[] order, int orderAt, int r0, int n, Workspace ws) {
        int fanIn = units[i];
        int fanOut = units[i + 1];
        float[] out = ws.acts[i + 1];
        int outOff = r0 * fanOut;
        // The intercept row into every row: one copy, then the filled part doubled (a call per row cost more).
        System.arraycopy(params, interceptOff[i], out, outOff, fanOut);
        for (int filled = 1; filled < n; filled *= 2) {
            System.arraycopy(out, outOff, out, outOff + filled * fanOut, Math.min(filled, n - filled) * fanOut);
        }
        if (order == null) {
            Gemm.sgemm(
                    false,
                    false,
                    n,
                    fanOut,
                    fanIn,
                    in,
                    inOff,
                    fanIn,
                    params,
                    coefOff[i],
                    fanOut,
                    out,
                    outOff,
                    fanOut,
                    true);
        } else {
            Gemm.sgemmGathered(
                    n,
                    fanOut,
                    fanIn,
                    in,
                    inOff,
                    fanIn,
                    order,
                    orderAt,
                    false,
                    params,
                    coefOff[i],
                    fanOut,
                    out,
                    outOff,
                    fanOut,
                    true);
        }
        if (i < nLayers - 2) {
            HiddenActivation.forward(hidden, out, outOff, n * fanOut);
        } else {
            output.activate(out, outOff, n, fanOut);
        }
    }

    /**
     * Forward and backward pass over one batch: returns the summed data loss of the batch and writes (or, with
     * {@code accumulate}, adds) the unnormalized gradients Σ activations^T·delta and Σ delta into grad.
     */
    double backprop(
            float[] params,
            float[] x,
            int xOff,
            float[] y,
            int yOff,
            int rows,
            Workspace ws,
            float[] grad,
            boolean accumulate) {
        return backprop(params, x, xOff, null, 0, null, y, yOff, rows, ws, grad, accumulate);
    }

    /**
     * {@link #backprop} over the shuffled mini-batch whose row r is row order[orderStart + r] of x: the rows are
     * copied into xb (and must already be in yb for the targets) during the forward pass.
     */
    double backpropRows(
            float[] params,
            float[] x,
            int[] order,
            int orderStart,
            float[] xb,
            float[] yb,
            int rows,
            Workspace ws,
            float[] grad) {
        return backprop(params, x, 0, order, orderStart, xb, yb, 0, rows, ws, grad, false);
    }

    /**
     * Everything that is row by row (forward pass, loss, the deltas of every layer) runs in the blocks of the
     * forward pass, each block on the thread that already holds its activations in cache; only the weight
     * gradients, sums over all rows, run afterwards over the whole batch.
     */
    private double backprop(
            float[] params,
            float[] x,
            int xOff,
            int[] order,
            int orderStart,
            float[] xb,
            float[] y,
            int yOff,
            int rows,
            Workspace ws,
            float[] grad,
            boolean accumulate) {
        int blocks = forwardBlocks(
                params,
                x,
                xOff,
                order,
                orderStart,
                xb,
                rows,
                ws,
                (b, r0, n) -> ws.blockLoss[b] = deltas(params, y, yOff, r0, n, ws));
        double loss = 0;
        for (int b = 0; b < blocks; b++) {
            loss += ws.blockLoss[b];
        }
        weightGradients(order == null ? x : xb, order == null ? xOff : 0, rows, ws, grad, accumulate);
        return loss;
    }

    /**
     * The loss of batch rows [r0, r0+n) after their forward pass, and the deltas of every layer for them: the
     * output delta of each (activation, loss) pair is output - target, and each hidden delta is delta·W^T times f'.
     */
    private double deltas(float[] params, float[] y, int yOff, int r0, int n, Workspace ws) {
        int last = nLayers - 1;
        int nOut = units[last];
        float[] out = ws.acts[last];
        double loss = 0;
        for (int r = r0; r < r0 + n; r++) {
            loss += output.rowLoss(out, r * nOut, y, yOff + r * nOut, nOut);
        }
        PlainLoops.sub(out, y, yOff + r0 * nOut, ws.deltas[last], r0 * nOut, n * nOut);
        for (int i = last - 1; i > 0; i--) {
            int fanIn = units[i];
            int fanOut = units[i + 1];
            // delta_i = (delta_{i+1} · W_i^T) * f'(activations[i])
            Gemm.sgemm(
                    false,
                    true,
                    n,
                    fanIn,
                    fanOut,
                    ws.deltas[i + 1],
                    r0 * fanOut,
                    fanOut,
                    params,
                    coefOff[i],
                    fanOut,
                    ws.deltas[i],
                    r0 * fanIn,
                    fanIn,
                    false);
            HiddenActivation.backward(hidden, ws.acts[i], ws.deltas[i], r0 * fanIn, n * fanIn);
        }
        return loss;
    }

    /** dW_i = activations[i]^T · delta_{i+1} and db_i = column sums of delta_{i+1}, over all rows of the batch. */
    private void weightGradients(float[] x, int xOff, int rows, Workspace ws, float[] grad, boolean accumulate) {
        for (int i = nLayers - 2; i >= 0; i--) {
            int fanIn = units[i];
            int fanOut = units[i + 1];
            float[] delta = ws.deltas[i + 1];
            float[] in = i == 0 ? x : ws.acts[i];
            int inOff = i == 0 ? xOff : 0;
            Gemm.sgemm(
                    true,
                    false,
                    fanIn,
                    fanOut,
                    rows,
                    in,
                    inOff,
                    fanIn,
                    delta,
                    0,
                    fanOut,
                    grad,
                    coefOff[i],
                    fanOut,
                    accumulate);
            if (!accumulate) {
                VectorOps.fill(grad, interceptOff[i], 0f, fanOut);
            }
            for (int r = 0; r < rows; r++) {
                VectorOps.add(grad, interceptOff[i], delta, r * fanOut, grad, interceptOff[i], fanOut);
            }
        }
    }

    /**
     * Turns summed loss and gradients over n samples into scikit-learn's objective:
     * loss/n + alpha/(2n)·Σ‖W‖², gradient (G + alpha·W)/n for weights and G/n for intercepts.
     */
    double finish(float[] params, float[] grad, double lossSum, int n, double alpha) {
        // ‖W‖² in float vector lanes, as scikit-learn's np.dot on float32 weights: a double running sum is a
        // chain of dependent adds that cost as much as the Adam step itself on a 25k-weight network.
        double sq = VectorOps.dot(params, 0, params, 0, coefSize);
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
