package dev.myelin.kernel;

import java.util.Arrays;

/**
 * Batched 2-D convolution on {@link Gemm} over {@link Im2col} columns, NCHW, with groups: per image and group,
 * forward {@code Y = W·col(X)}, input gradient {@code dX = col2im(Wᵀ·dY)}, weight gradient
 * {@code dW = Σ_images dY·col(X)ᵀ}. A transposed convolution is the same three products with forward and
 * input gradient swapped (see {@code nn.conv.ConvF}).
 *
 * <p>Each GEMM covers a block of images whose columns sit side by side (see {@code block}). Blocks are split over
 * the pool when there are at least as many as threads (each chunk has its own buffers and runs its GEMMs inline);
 * fewer blocks run one after the other with the GEMMs split inside. The weight gradient sums per-chunk partials in
 * chunk order, with chunks fixed by the batch size, the geometry and the thread count, so every result is
 * deterministic for a given thread count.
 */
public final class Conv2dKernel {

    /** Output positions one GEMM aims for (see {@code block}). */
    private static final int BLOCK_COLUMNS = 1024;

    private Conv2dKernel() {
    }

    /** y[N, O, outH, outW] = conv(x[N, C, H, W], w[O, C/groups, kh, kw]) + bias (bias may be null); y is overwritten. */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        check(g, x, (long) g.batch() * g.inImage(), "input");
        check(g, w, g.weightSize(), "weight");
        check(g, y, (long) g.batch() * g.outImage(), "output");
        if (bias != null) check(g, bias, g.outChannels(), "bias");
        int og = g.groupOutChannels(), patch = g.patch(), plane = g.outPlane(), nb = block(g);
        overImages(g, nb, (n0, n1) -> {
            Buffers buf = new Buffers(g, nb);
            for (int n = n0; n < n1; n += nb) {
                int cnt = Math.min(nb, n1 - n), ld = cnt * plane;
                for (int gi = 0; gi < g.groups(); gi++) {
                    Operand cols = columns(g, x, n, cnt, gi, buf);
                    if (cnt == 1) { // one image: straight into y
                        int yOff = n * g.outImage() + gi * og * plane;
                        if (bias != null) {
                            for (int o = 0; o < og; o++) {
                                Arrays.fill(y, yOff + o * plane, yOff + (o + 1) * plane, bias[gi * og + o]);
                            }
                        }
                        Gemm.sgemm(false, false, og, plane, patch, w, gi * og * patch, patch, cols.a, cols.off, ld,
                                y, yOff, plane, bias != null);
                        continue;
                    }
                    Gemm.sgemm(false, false, og, ld, patch, w, gi * og * patch, patch, cols.a, cols.off, ld,
                            buf.out, 0, ld, false);
                    for (int j = 0; j < cnt; j++) { // [og, cnt*plane] back to [cnt][og][plane], adding the bias
                        for (int o = 0; o < og; o++) {
                            int dst = (n + j) * g.outImage() + (gi * og + o) * plane, src = o * ld + j * plane;
                            if (bias != null) {
                                VectorOps.addScalar(buf.out, src, bias[gi * og + o], y, dst, plane);
                            } else {
                                System.arraycopy(buf.out, src, y, dst, plane);
                            }
                        }
                    }
                }
            }
        });
    }

    /** dx[N, C, H, W] = the input gradient of {@link #forward} for the output gradient dy; dx is overwritten. */
    public static void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        check(g, dy, (long) g.batch() * g.outImage(), "output gradient");
        check(g, w, g.weightSize(), "weight");
        check(g, dx, (long) g.batch() * g.inImage(), "input gradient");
        int og = g.groupOutChannels(), patch = g.patch(), plane = g.outPlane(), nb = block(g);
        int inGroup = g.groupChannels() * g.height() * g.width();
        overImages(g, nb, (n0, n1) -> {
            Buffers buf = new Buffers(g, nb);
            for (int n = n0; n < n1; n += nb) {
                int cnt = Math.min(nb, n1 - n), ld = cnt * plane;
                for (int gi = 0; gi < g.groups(); gi++) {
                    Operand grads = outputRows(g, dy, n, cnt, gi, buf);
                    if (cnt == 1 && g.pointwise()) { // the column gradient is the input gradient
                        Gemm.sgemm(true, false, patch, plane, og, w, gi * og * patch, patch, grads.a, grads.off, ld,
                                dx, n * g.inImage() + gi * inGroup, plane, false);
                        continue;
                    }
                    Gemm.sgemm(true, false, patch, ld, og, w, gi * og * patch, patch, grads.a, grads.off, ld,
                            buf.col, 0, ld, false);
                    for (int j = 0; j < cnt; j++) {
                        int xOff = (n + j) * g.inImage() + gi * inGroup;
                        Arrays.fill(dx, xOff, xOff + inGroup, 0f);
                        Im2col.col2im(buf.col, j * plane, g.groupChannels(), g.height(), g.width(), g.kh(), g.kw(),
                                g.strideH(), g.strideW(), g.padH(), g.padW(), g.dilH(), g.dilW(), dx, xOff, ld);
                    }
                }
            }
        });
    }

    /** dw[O, C/groups, kh, kw] = Σ over images of dY·col(X)ᵀ: the weight gradient of {@link #forward}; dw is overwritten. */
    public static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        check(g, x, (long) g.batch() * g.inImage(), "input");
        check(g, dy, (long) g.batch() * g.outImage(), "output gradient");
        check(g, dw, g.weightSize(), "weight gradient");
        int og = g.groupOutChannels(), patch = g.patch(), plane = g.outPlane(), nb = block(g);
        int blocks = blocks(g, nb), chunks = chunks(blocks);
        float[][] partial = new float[chunks][];
        // Own chunk boundaries (not forRange's), so the partial sums are the same however the pool runs them.
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                float[] acc = c == 0 ? dw : new float[dw.length];
                Arrays.fill(acc, 0f);
                Buffers buf = new Buffers(g, nb);
                int from = (int) ((long) c * blocks / chunks) * nb;
                int to = (int) Math.min(g.batch(), (long) (c + 1) * blocks / chunks * nb);
                for (int n = from; n < to; n += nb) {
                    int cnt = Math.min(nb, to - n), ld = cnt * plane;
                    for (int gi = 0; gi < g.groups(); gi++) {
                        Operand cols = columns(g, x, n, cnt, gi, buf);
                        Operand grads = outputRows(g, dy, n, cnt, gi, buf);
                        Gemm.sgemm(false, true, og, patch, ld, grads.a, grads.off, ld, cols.a, cols.off, ld,
                                acc, gi * og * patch, patch, true);
                    }
                }
                partial[c] = acc;
            }
        });
        for (int c = 1; c < chunks; c++) {
            VectorOps.add(dw, 0, partial[c], 0, dw, 0, dw.length);
        }
    }

    /** db[O] = Σ over images and positions of dy: the bias gradient; db is overwritten. */
    public static void backwardBias(int batch, int channels, int plane, float[] dy, float[] db) {
        if ((long) batch * channels * plane > dy.length || db.length < channels) {
            throw new IllegalArgumentException("conv bias gradient: [" + batch + ", " + channels + ", " + plane
                    + "] does not fit arrays of " + dy.length + " and " + db.length + " elements");
        }
        Arrays.fill(db, 0, channels, 0f);
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < channels; o++) {
                db[o] += VectorOps.sum(dy, (n * channels + o) * plane, plane);
            }
        }
    }

    /** A GEMM operand: an array and the offset of its first element. */
    private record Operand(float[] a, int off) {
    }

    /** One thread's scratch: columns [patch, nb*plane], output-gradient rows and forward output [og, nb*plane]. */
    private static final class Buffers {
        final float[] col, out;

        Buffers(ConvGeometry g, int nb) {
            boolean direct = nb == 1 && g.pointwise();
            col = direct ? null : new float[g.patch() * nb * g.outPlane()];
            out = nb == 1 ? null : new float[g.groupOutChannels() * nb * g.outPlane()];
        }
    }

    /** Group gi's im2col columns of images [n, n+cnt), side by side ([patch, cnt*plane]); the input itself when pointwise. */
    private static Operand columns(ConvGeometry g, float[] x, int n, int cnt, int gi, Buffers buf) {
        int inGroup = g.groupChannels() * g.height() * g.width(), plane = g.outPlane();
        if (buf.col == null) return new Operand(x, n * g.inImage() + gi * inGroup);
        for (int j = 0; j < cnt; j++) {
            Im2col.im2col(x, (n + j) * g.inImage() + gi * inGroup, g.groupChannels(), g.height(), g.width(), g.kh(), g.kw(),
                    g.strideH(), g.strideW(), g.padH(), g.padW(), g.dilH(), g.dilW(), buf.col, j * plane, cnt * plane);
        }
        return new Operand(buf.col, 0);
    }

    /** Group gi's output rows of images [n, n+cnt) side by side ([og, cnt*plane]): in place for one image, else copied. */
    private static Operand outputRows(ConvGeometry g, float[] dy, int n, int cnt, int gi, Buffers buf) {
        int og = g.groupOutChannels(), plane = g.outPlane();
        if (cnt == 1) return new Operand(dy, n * g.outImage() + gi * og * plane);
        for (int j = 0; j < cnt; j++) {
            for (int o = 0; o < og; o++) {
                System.arraycopy(dy, (n + j) * g.outImage() + (gi * og + o) * plane, buf.out, o * cnt * plane + j * plane, plane);
            }
        }
        return new Operand(buf.out, 0);
    }

    /**
     * Images per GEMM: enough output positions (about BLOCK_COLUMNS) that the packed GEMM pays for its
     * packing (one 14×14 image alone runs at a quarter of the speed), with the columns kept under 4M floats.
     */
    private static int block(ConvGeometry g) {
        int plane = Math.max(1, g.outPlane());
        int byWidth = (BLOCK_COLUMNS + plane - 1) / plane;
        int byMemory = (int) Math.max(1, (4L << 20) / Math.max(1L, (long) g.patch() * plane));
        return Math.max(1, Math.min(Math.min(byWidth, byMemory), Math.max(1, g.batch())));
    }

    /** Blocks of {@code nb} images (the last may be shorter). */
    private static int blocks(ConvGeometry g, int nb) {
        return (g.batch() + nb - 1) / nb;
    }

    /** Chunks of blocks: one per thread when there are enough blocks, else 1 (the GEMMs then split inside). */
    private static int chunks(int blocks) {
        return blocks >= Parallel.threads() ? Parallel.chunks(blocks, 1) : 1;
    }

    /**
     * Runs {@code body} over image ranges made of whole blocks of {@code nb} images, so every block (and so every
     * result) is the same however the pool splits or inlines the work.
     */
    private static void overImages(ConvGeometry g, int nb, Parallel.RangeBody body) {
        int blocks = blocks(g, nb);
        if (chunks(blocks) == 1) {
            body.run(0, g.batch());
        } else {
            Parallel.forRange(blocks, 1, (b0, b1) -> body.run(b0 * nb, Math.min(g.batch(), b1 * nb)));
        }
    }

    private static void check(ConvGeometry g, float[] a, long need, String what) {
        if (a.length < need) {
            throw new IllegalArgumentException("conv2d kernel: the " + what + " array has " + a.length
                    + " elements, geometry " + g + " needs " + need);
        }
    }
}
