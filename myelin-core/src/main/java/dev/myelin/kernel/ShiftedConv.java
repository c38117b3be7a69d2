package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Stride-1 convolutions without an unfolded input, for a range of images (the threading and the per-chunk sums
 * stay in {@link Conv2dKernel}).
 *
 * <p>One group of one image is zero-padded into a buffer of Hp = H + 2·padH rows of Wp = W + 2·padW. Laid out at
 * that padded width, row (c, i, j) of the im2col matrix is the buffer itself, shifted by c·Hp·Wp + i·dilH·Wp +
 * j·dilW: so the forward GEMM reads its B panels straight from the buffer ({@link PackedGemm#gemmRows}) and no
 * columns are written; or, turned round when the output channels fill its tiles ({@link #turns}), reads the same
 * rows as its broadcast operand ({@link PackedGemm#gemmACols}), and so does the input gradient. The product covers OH × Wp positions; the last Wp − OW of each output row straddle two
 * image rows and are dropped (for 3×3 on 14×14, 14 % more multiply-adds, against an im2col pass that wrote nine
 * copies of the image in 14-float pieces).
 *
 * <p>The input gradient of a stride-1 convolution is a stride-1 convolution too: of the output gradient padded by
 * q = dil·(k−1) − pad, with the kernel flipped and its two channel axes swapped:
 * {@code dX[c][h][w] = Σ W[o][c][k−1−i][k−1−j] · dYq[o][h + i·dil][w + j·dil]}. It runs the same way, with no
 * col2im (which needs q ≥ 0: padding at most dil·(k−1), see {@link #appliesToInputGradient}).
 *
 * <p>The weight gradient, dW = dY·colᵀ, reads the same shifted rows as the transposed operand: packing its panels
 * gathers 16 taps × 16 positions at a time and transposes them in registers ({@link PackedGemm#gemmCols}), with
 * dY copied at the padded width and zeros in the dropped columns. With enough output channels it runs turned
 * round, dWᵀ = col·dYᵀ: the shifted rows are then the broadcast operand, read in place, and only dY is transposed
 * ({@link PackedGemm#gemmARows}; for 3×3 a ninth of the values to pack).
 */
final class ShiftedConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ShiftedConv() {}

    /**
     * The least GEMM depth (C/groups·kh·kw forward, O/groups·kh·kw for the input gradient) and rows (O/groups,
     * C/groups) worth it: below them the padded columns and the packed micro-tiles cost more than unfolding saves
     * (the first layer of {@code cnn}, 1 channel with a 3×3 kernel, ran at half the speed; its input gradient,
     * one row, at a sixth; ConvCpu, one thread, CPU time).
     */
    private static final int MIN_DEPTH = 16, MIN_ROWS = 6;

    /** Whether the forward product runs here: stride 1, something to unfold, and a deep enough product. */
    static boolean applies(ConvGeometry g) {
        return g.strideH() == 1
                && g.strideW() == 1
                && !g.pointwise()
                && g.patch() >= MIN_DEPTH
                && g.groupOutChannels() >= MIN_ROWS;
    }

    /** Whether the input gradient runs here: as {@link #applies}, and padding at most dil·(k−1) on both axes. */
    static boolean appliesToInputGradient(ConvGeometry g) {
        return g.strideH() == 1
                && g.strideW() == 1
                && !g.pointwise()
                && g.groupOutChannels() * g.kh() * g.kw() >= MIN_DEPTH
                && g.groupChannels() >= MIN_ROWS
                && g.padH() <= g.dilH() * (g.kh() - 1)
                && g.padW() <= g.dilW() * (g.kw() - 1);
    }

    /** Images [n0, n1) of {@link Conv2dKernel#forward}. */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, int n0, int n1) {
        int cg = g.groupChannels(), og = g.groupOutChannels(), patch = g.patch(), h = g.height(), wd = g.width();
        Padded in = new Padded(cg, h, wd, g.padH(), g.padW(), g.dilW() * (g.kw() - 1));
        int[] rows = in.rows(g.kh(), g.kw(), g.dilH(), g.dilW());
        int oh = g.outH(), ow = g.outW(), n = oh * in.wp, plane = g.outPlane();
        float[] xp = new float[in.size + PackedGemm.NR], yp = new float[og * n]; // NR: see gemmRows' last panel
        VectorMask<Float> tail = S.indexInRange(0, ow % L);
        ShiftedProduct product = new ShiftedProduct(w, g.groups(), og, patch, rows, n);
        for (int img = n0; img < n1; img++) {
            for (int gi = 0; gi < g.groups(); gi++) {
                in.fill(x, img * g.inImage() + gi * cg * h * wd, xp);
                product.run(gi, xp, yp);
                for (int o = 0; o < og; o++) {
                    int oc = gi * og + o;
                    float b = bias == null ? 0f : bias[oc];
                    for (int r = 0; r < oh; r++) {
                        int src = o * n + r * in.wp, dst = img * g.outImage() + oc * plane + r * ow;
                        int c = 0;
                        for (; c + L <= ow; c += L)
                            FloatVector.fromArray(S, yp, src + c).add(b).intoArray(y, dst + c);
                        // the row's rest as one masked vector: rows are short (14 here), a scalar tail was 3 % of a
                        // step
                        if (c < ow)
                            FloatVector.fromArray(S, yp, src + c, tail).add(b).intoArray(y, dst + c, tail);
                    }
                }
            }
        }
    }

    /**
     * Whether the forward (N = the output channels) or the input gradient (N = the input channels) runs turned round,
     * Yᵀ = colᵀ·Wᵀ ({@link PackedGemm#gemmACols}): the shifted rows are then the broadcast operand, read in place,
     * and Wᵀ comes from aligned panels packed once per call, where otherwise the shifted rows are B, read in place
     * with unaligned loads, and 224 positions (cnn's second layer) leave a last panel of 32 columns. It pays when the
     * channels fill at least three quarters of their panels: NR wide, two vectors for 12-row tiles, one for 24-row
     * tiles. One thread, CPU time, batch 16: cnn.conv2 forward (64 channels) 96-98 → 101-112 GFLOP/s, input gradient
     * (32 channels) 86-89 → 98-107; lenet.conv2 forward (16 channels, 24-row tiles) 54-55 → 61-65.
     */
    static boolean turns(int channels) {
        int panel = channels <= L ? L : channels <= 2 * L ? 2 * L : roundUp(channels, PackedGemm.NR);
        return 4 * channels >= 3 * panel;
    }

    /**
     * Whether the weight gradient runs turned round, dWᵀ = col·dYᵀ ({@link PackedGemm#gemmARows}): the shifted rows
     * as broadcasts and only dY transposed, where {@link PackedGemm#gemmCols} packs the shifted rows, nine times as
     * many values for 3×3. Its 6×4 tiles need the output channels to fill three quarters of NR-wide panels (batch
     * 16, 3×3, 14×14, one thread: O = 64 from 32 channels 62-66 → 104-123 GFLOP/s, O = 48 43-45 → 62, O = 128 (7×7)
     * 78-81 → 92; O = 32 would fall from 62 to 50-53), its 8×1 tiles three quarters of one vector (LeNet's second
     * layer, O = 16, from dot products: 31-34 → 37-40).
     */
    static boolean turnsWeightGradient(int og) {
        return 4 * og >= 3 * (og <= L ? L : roundUp(og, PackedGemm.NR));
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * One group's out[R][n] = W·S, W [R][depth] (group gi's block of {@code w}) and S the depth × n shifted rows of
     * a padded buffer: turned round when the R channels fill their tiles ({@link #turns}: outᵀ = Sᵀ·Wᵀ on
     * {@link PackedGemm#gemmACols}, Wᵀ packed once for all images, then transposed back by {@link Transpose}), else on
     * {@link PackedGemm#gemmRows}. The forward (R = output channels) and the input gradient (R = input channels,
     * the flipped kernel) share it.
     */
    private static final class ShiftedProduct {
        private final float[] w;
        private final int r, depth, n, ldt;
        private final int[] rows;
        private final float[][] wt; // Wᵀ packed, per group; empty when not turned
        private final float[] t; // outᵀ, rows rounded up to gemmACols' tiles; null when not turned

        ShiftedProduct(float[] w, int groups, int r, int depth, int[] rows, int n) {
            this.w = w;
            this.r = r;
            this.depth = depth;
            this.rows = rows;
            this.n = n;
            boolean turned = turns(r);
            ldt = roundUp(r, PackedGemm.NR);
            t = turned ? new float[roundUp(n, PackedGemm.ACOLS_ROWS) * ldt] : null;
            wt = new float[turned ? groups : 0][];
            for (int gi = 0; gi < wt.length; gi++)
                wt[gi] = PackedGemm.packAll(true, depth, r, w, gi * r * depth, depth);
        }

        /** out[R][n] for group gi from the padded buffer {@code shifted}. */
        void run(int gi, float[] shifted, float[] out) {
            if (t != null) {
                PackedGemm.gemmACols(n, r, depth, shifted, 0, rows, wt[gi], t, ldt);
                Transpose.transpose(t, 0, ldt, n, r, out, 0, n, false);
            } else {
                PackedGemm.gemmRows(false, r, n, depth, w, gi * r * depth, depth, shifted, 0, rows, out, 0, n, false);
            }
        }
    }

    /**
     * The kernel of the input gradient: for each group, [C/groups][O/groups · kh · kw] with
     * {@code wf[c][(o·kh + i)·kw + j] = w[o][c][kh−1−i][kw−1−j]}.
     */
    static float[] flipped(ConvGeometry g, float[] w) {
        int cg = g.groupChannels(), og = g.groupOutChannels(), kh = g.kh(), kw = g.kw(), taps = kh * kw;
        float[] wf = new float[g.weightSize()];
        for (int gi = 0; gi < g.groups(); gi++) {
            for (int o = 0; o < og; o++) {
                for (int c = 0; c < cg; c++) {
                    int src = ((gi * og + o) * cg + c) * taps, dst = (gi * cg + c) * og * taps + o * taps;
                    for (int t = 0; t < taps; t++) wf[dst + t] = w[src + taps - 1 - t];
                }
            }
        }
        return wf;
    }

    /** Images [n0, n1) of {@link Conv2dKernel#backwardInput}, with {@code wf} from {@link #flipped}; dx is overwritten. */
    static void backwardInput(ConvGeometry g, float[] dy, float[] wf, float[] dx, int n0, int n1) {
        int cg = g.groupChannels(), og = g.groupOutChannels(), h = g.height(), wd = g.width(), kh = g.kh(), kw = g.kw();
        int qh = g.dilH() * (kh - 1) - g.padH(), qw = g.dilW() * (kw - 1) - g.padW();
        Padded grad = new Padded(og, g.outH(), g.outW(), qh, qw, g.dilW() * (kw - 1));
        int[] rows = grad.rows(kh, kw, g.dilH(), g.dilW());
        int depth = og * kh * kw, n = h * grad.wp;
        float[] dyp = new float[grad.size + PackedGemm.NR], dxp = new float[cg * n];
        ShiftedProduct product = new ShiftedProduct(wf, g.groups(), cg, depth, rows, n);
        for (int img = n0; img < n1; img++) {
            for (int gi = 0; gi < g.groups(); gi++) {
                grad.fill(dy, img * g.outImage() + gi * og * g.outPlane(), dyp);
                product.run(gi, dyp, dxp);
                for (int c = 0; c < cg; c++) {
                    for (int r = 0; r < h; r++) {
                        System.arraycopy(
                                dxp, c * n + r * grad.wp, dx, img * g.inImage() + (gi * cg + c) * h * wd + r * wd, wd);
                    }
                }
            }
        }
    }

    /** Whether the weight gradient runs here ({@link #backwardWeight}): stride 1 and something to unfold. */
    static boolean appliesToWeightGradient(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && !g.pointwise();
    }

    /**
     * Images [n0, n1) of {@link Conv2dKernel#backwardWeight}, added into {@code acc}: [O, C/groups, kh, kw], or with
     * {@code turned} per group [C/groups · kh · kw][O/groups] ({@link #turnsWeightGradient}). Per image
     * and group dW += dYp·colᵀ over the OH × Wp positions of the padded width, where dYp is dY with zeros in the
     * Wp − OW dropped columns of each row (so they add nothing) and column (c, i, j) of colᵀ is the padded image
     * shifted by that tap ({@link PackedGemm#gemmCols}), so no unfolded columns are written. With {@code dots} the
     * product runs as dot products along the positions ({@link DotGemm#gemmCols}): for a small weight from many
     * positions (LeNet's first layer, 6 × 25 from 28 × 32), where the broadcast kernel would run a few rows of C
     * over a deep k.
     */
    static void backwardWeight(
            ConvGeometry g, float[] x, float[] dy, float[] acc, int n0, int n1, boolean dots, boolean turned) {
        int cg = g.groupChannels(), og = g.groupOutChannels(), patch = g.patch(), h = g.height(), wd = g.width();
        Padded in = new Padded(cg, h, wd, g.padH(), g.padW(), g.dilW() * (g.kw() - 1));
        int[] cols = in.rows(g.kh(), g.kw(), g.dilH(), g.dilW());
        int oh = g.outH(), ow = g.outW(), plane = g.outPlane();
        // dot products run whole vectors along the positions: dY's rows padded with zeros to a multiple of L
        // (the image rows read up to L − 1 floats further, into the buffer's slack), no scalar tail
        int n = dots ? (oh * in.wp + L - 1) / L * L : oh * in.wp;
        float[] xp = new float[in.size + L], dyp = new float[og * n]; // dyp's dropped columns stay zero
        for (int img = n0; img < n1; img++) {
            for (int gi = 0; gi < g.groups(); gi++) {
                in.fill(x, img * g.inImage() + gi * cg * h * wd, xp);
                int dyOff = img * g.outImage() + gi * og * plane;
                for (int o = 0; o < og; o++) {
                    for (int r = 0; r < oh; r++)
                        System.arraycopy(dy, dyOff + o * plane + r * ow, dyp, o * n + r * in.wp, ow);
                }
                if (dots) DotGemm.gemmCols(og, patch, n, dyp, 0, n, xp, 0, cols, acc, gi * og * patch, patch, true);
                else if (turned)
                    PackedGemm.gemmARows(patch, og, n, xp, 0, cols, dyp, 0, n, acc, gi * patch * og, og, true);
                else PackedGemm.gemmCols(og, patch, n, dyp, 0, n, xp, 0, cols, acc, gi * og * patch, patch, true);
            }
        }
    }

    /**
     * A zero-padded copy of {@code channels} planes of h × w: rows of wp = w + 2·padW, hp = h + 2·padH of them per
     * plane, and {@code slack} zeros after the last plane for the dropped columns of the last output row. The
     * border is written once (the buffer starts zeroed) and {@link #fill} overwrites only the interior.
     */
    private static final class Padded {
        final int channels, h, w, padH, padW, hp, wp, size;

        Padded(int channels, int h, int w, int padH, int padW, int slack) {
            this.channels = channels;
            this.h = h;
            this.w = w;
            this.padH = padH;
            this.padW = padW;
            this.hp = h + 2 * padH;
            this.wp = w + 2 * padW;
            long total = (long) channels * hp * wp + slack;
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("conv2d: a padded image of " + channels + " x " + hp + " x " + wp
                        + " needs over 2^31-1 elements");
            }
            this.size = (int) total;
        }

        /** Where row (c, i, j) of the unfolded matrix starts: the padded plane c shifted by tap (i, j). */
        int[] rows(int kh, int kw, int dilH, int dilW) {
            int[] rows = new int[channels * kh * kw];
            for (int c = 0, r = 0; c < channels; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++, r++) rows[r] = c * hp * wp + i * dilH * wp + j * dilW;
                }
            }
            return rows;
        }

        void fill(float[] src, int off, float[] buf) {
            for (int c = 0; c < channels; c++) {
                for (int r = 0; r < h; r++) {
                    System.arraycopy(src, off + (c * h + r) * w, buf, (c * hp + r + padH) * wp + padW, w);
                }
            }
        }
    }
}
