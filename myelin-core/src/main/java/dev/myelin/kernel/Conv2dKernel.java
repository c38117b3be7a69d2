package dev.myelin.kernel;

import java.util.Arrays;

/**
 * Batched 2-D convolution on {@link Gemm} over {@link Im2col} columns, NCHW, with groups: per image and group,
 * forward {@code Y = W·col(X)}, input gradient {@code dX = col2im(Wᵀ·dY)}, weight gradient
 * {@code dW = Σ_images dY·col(X)ᵀ}. A transposed convolution is the same three products with forward and
 * input gradient swapped (see {@code nn.conv.ConvF}).
 *
 * <p>Images are split over the pool when there are at least as many as threads (each chunk has its own column
 * buffer and runs its GEMMs inline); fewer images run one after the other with the GEMMs split inside. The
 * weight gradient sums per-chunk partials in chunk order, with chunks fixed by the batch size and the thread
 * count, so every result is deterministic for a given thread count.
 *
 * <p>The products of stride-1 convolutions skip the unfolded columns (see {@link ShiftedConv}): the forward and
 * input gradient with enough channels, the weight gradient unless it runs as dot products; the rest unfold each
 * image with {@link Im2col}.
 *
 * <p>One GEMM per image and group was measured faster here than GEMMs over blocks of images with their columns
 * side by side (ConvBench, 2 threads, cnn.conv2: forward 59 vs 31-36 GFLOP/s, the backward passes equal).
 */
public final class Conv2dKernel {

    /**
     * Per-group weight sizes and positions per image for which the weight gradient runs as dot products: up to
     * 512 weights from unfolded columns, up to 2400 (LeNet's second layer, 16 × 150: 31 against 27 GFLOP/s per
     * core, ConvCpuBench) from the shifted rows of a padded image, which cost no unfolding.
     */
    static final int DOT_MAX_WEIGHT = 512, DOT_MAX_WEIGHT_SHIFTED = 2400, DOT_MIN_POSITIONS = 64;

    private Conv2dKernel() {}

    /** y[N, O, outH, outW] = conv(x[N, C, H, W], w[O, C/groups, kh, kw]) + bias (bias may be null); y is overwritten. */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        check(g, x, g.batch() * g.inImage(), "input");
        check(g, w, g.weightSize(), "weight");
        check(g, y, g.batch() * g.outImage(), "output");
        if (bias != null) check(g, bias, g.outChannels(), "bias");
        if (Simd.ENABLED && ShiftedConv.applies(g)) { // (no Vector API module: the im2col path, see Simd)
            overImages(g, (n0, n1) -> ShiftedConv.forward(g, x, w, bias, y, n0, n1));
            return;
        }
        int og = g.groupOutChannels(), patch = g.patch(), plane = g.outPlane();
        int inGroup = g.groupChannels() * g.height() * g.width();
        overImages(g, (n0, n1) -> {
            float[] col = g.pointwise() ? null : new float[patch * plane];
            for (int n = n0; n < n1; n++) {
                int yImage = n * g.outImage();
                if (bias != null) {
                    for (int o = 0; o < g.outChannels(); o++) {
                        Arrays.fill(y, yImage + o * plane, yImage + (o + 1) * plane, bias[o]);
                    }
                }
                for (int gi = 0; gi < g.groups(); gi++) {
                    int xOff = n * g.inImage() + gi * inGroup;
                    float[] b = x;
                    int bOff = xOff;
                    if (col != null) {
                        im2col(g, x, xOff, col);
                        b = col;
                        bOff = 0;
                    }
                    Gemm.sgemm(
                            false,
                            false,
                            og,
                            plane,
                            patch,
                            w,
                            gi * og * patch,
                            patch,
                            b,
                            bOff,
                            plane,
                            y,
                            yImage + gi * og * plane,
                            plane,
                            bias != null);
                }
            }
        });
    }

    /** dx[N, C, H, W] = the input gradient of {@link #forward} for the output gradient dy; dx is overwritten. */
    public static void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        check(g, dy, g.batch() * g.outImage(), "output gradient");
        check(g, w, g.weightSize(), "weight");
        check(g, dx, g.batch() * g.inImage(), "input gradient");
        if (Simd.ENABLED && ShiftedConv.appliesToInputGradient(g)) {
            float[] wf = ShiftedConv.flipped(g, w);
            overImages(g, (n0, n1) -> ShiftedConv.backwardInput(g, dy, wf, dx, n0, n1));
            return;
        }
        int og = g.groupOutChannels(), patch = g.patch(), plane = g.outPlane();
        int inGroup = g.groupChannels() * g.height() * g.width();
        overImages(g, (n0, n1) -> {
            float[] col = g.pointwise() ? null : new float[patch * plane];
            for (int n = n0; n < n1; n++) {
                for (int gi = 0; gi < g.groups(); gi++) {
                    int xOff = n * g.inImage() + gi * inGroup;
                    int dyOff = n * g.outImage() + gi * og * plane;
                    if (col == null) { // pointwise: the column gradient is the input gradient
                        Gemm.sgemm(
                                true,
                                false,
                                patch,
                                plane,
                                og,
                                w,
                                gi * og * patch,
                                patch,
                                dy,
                                dyOff,
                                plane,
                                dx,
                                xOff,
                                plane,
                                false);
                        continue;
                    }
                    Gemm.sgemm(
                            true,
                            false,
                            patch,
                            plane,
                            og,
                            w,
                            gi * og * patch,
                            patch,
                            dy,
                            dyOff,
                            plane,
                            col,
                            0,
                            plane,
                            false);
                    Arrays.fill(dx, xOff, xOff + inGroup, 0f);
                    Im2col.col2im(
                            col,
                            0,
                            g.groupChannels(),
                            g.height(),
                            g.width(),
                            g.kh(),
                            g.kw(),
                            g.strideH(),
                            g.strideW(),
                            g.padH(),
                            g.padW(),
                            g.dilH(),
                            g.dilW(),
                            dx,
                            xOff);
                }
            }
        });
    }

    /** dw[O, C/groups, kh, kw] = Σ over images of dY·col(X)ᵀ: the weight gradient of {@link #forward}; dw is overwritten. */
    public static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        check(g, x, g.batch() * g.inImage(), "input");
        check(g, dy, g.batch() * g.outImage(), "output gradient");
        check(g, dw, g.weightSize(), "weight gradient");
        int og = g.groupOutChannels(), patch = g.patch(), plane = g.outPlane();
        int inGroup = g.groupChannels() * g.height() * g.width();
        int chunks = imageChunks(g);
        float[][] partial = new float[chunks][];
        boolean shifted = Simd.ENABLED && ShiftedConv.appliesToWeightGradient(g);
        // A small weight from many positions (LeNet's: 6 x 25 from 784, 16 x 150 from 100): dot products along the
        // positions, where the broadcast kernels would run on a few rows and columns of C with a deep k.
        // dWᵀ per group ([patch][O/groups]) from ShiftedConv's turned product, transposed once at the end
        boolean turned = shifted && ShiftedConv.turnsWeightGradient(og);
        boolean dots = !turned
                && Simd.ENABLED
                && DotGemm.supported()
                && (long) og * patch <= (shifted ? DOT_MAX_WEIGHT_SHIFTED : DOT_MAX_WEIGHT)
                && plane >= DOT_MIN_POSITIONS;
        // Own chunk boundaries (not forRange's), so the partial sums are the same however the pool runs them.
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                float[] acc = c == 0 && !turned ? dw : new float[dw.length]; // turned: dWᵀ, transposed into dw below
                Arrays.fill(acc, 0f);
                int from = (int) ((long) c * g.batch() / chunks), to = (int) ((long) (c + 1) * g.batch() / chunks);
                if (shifted) {
                    ShiftedConv.backwardWeight(g, x, dy, acc, from, to, dots, turned);
                    partial[c] = acc;
                    continue;
                }
                float[] col = g.pointwise() ? null : new float[patch * plane];
                for (int n = from; n < to; n++) {
                    for (int gi = 0; gi < g.groups(); gi++) {
                        int xOff = n * g.inImage() + gi * inGroup;
                        float[] b = x;
                        int bOff = xOff;
                        if (col != null) {
                            im2col(g, x, xOff, col);
                            b = col;
                            bOff = 0;
                        }
                        if (dots) { // rows of dY and of the columns are both contiguous along the positions
                            DotGemm.gemm(
                                    true,
                                    og,
                                    patch,
                                    plane,
                                    dy,
                                    n * g.outImage() + gi * og * plane,
                                    plane,
                                    b,
                                    bOff,
                                    plane,
                                    acc,
                                    gi * og * patch,
                                    patch,
                                    true);
                        } else {
                            Gemm.sgemm(
                                    false,
                                    true,
                                    og,
                                    patch,
                                    plane,
                                    dy,
                                    n * g.outImage() + gi * og * plane,
                                    plane,
                                    b,
                                    bOff,
                                    plane,
                                    acc,
                                    gi * og * patch,
                                    patch,
                                    true);
                        }
                    }
                }
                partial[c] = acc;
            }
        });
        float[] sum = partial[0];
        for (int c = 1; c < chunks; c++) {
            VectorOps.add(sum, 0, partial[c], 0, sum, 0, dw.length);
        }
        if (turned) {
            for (int gi = 0; gi < g.groups(); gi++) {
                int off = gi * og * patch;
                for (int q = 0; q < patch; q++) {
                    for (int o = 0; o < og; o++) dw[off + o * patch + q] = sum[off + q * og + o];
                }
            }
        }
    }

    /** db[O] = Σ over images and positions of dy: the bias gradient; db is overwritten. */
    public static void backwardBias(int batch, int channels, int plane, float[] dy, float[] db) {
        if ((long) batch * channels * plane > dy.length || db.length < channels) {
            throw new IllegalArgumentException("conv bias gradient: [" + batch + ", " + channels + ", " + plane
                    + "] does not fit arrays of " + dy.length + " and " + db.length + " elements");
        }
        // Channels split over the pool; each channel sums its images in order, so any thread count gives the same bits.
        Parallel.forRange(channels, Math.max(1, (1 << 15) / Math.max(1, batch * plane)), (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                float s = 0f;
                for (int n = 0; n < batch; n++) s += VectorOps.sum(dy, (n * channels + o) * plane, plane);
                db[o] = s;
            }
        });
    }

    private static void im2col(ConvGeometry g, float[] x, int xOff, float[] col) {
        Im2col.im2col(
                x,
                xOff,
                g.groupChannels(),
                g.height(),
                g.width(),
                g.kh(),
                g.kw(),
                g.strideH(),
                g.strideW(),
                g.padH(),
                g.padW(),
                g.dilH(),
                g.dilW(),
                col,
                0);
    }

    /** Chunks of images: one per thread when there are enough images, else 1 (the GEMMs then split inside). */
    private static int imageChunks(ConvGeometry g) {
        return g.batch() >= Parallel.threads() ? Parallel.chunks(g.batch(), 1) : 1;
    }

    /** Runs {@code body} over [0, batch) in {@link #imageChunks} chunks. */
    private static void overImages(ConvGeometry g, Parallel.RangeBody body) {
        if (imageChunks(g) == 1) {
            body.run(0, g.batch());
        } else {
            Parallel.forRange(g.batch(), 1, body);
        }
    }

    private static void check(ConvGeometry g, float[] a, long need, String what) {
        if (a.length < need) {
            throw new IllegalArgumentException("conv2d kernel: the " + what + " array has " + a.length
                    + " elements, geometry " + g + " needs " + need);
        }
    }
}
