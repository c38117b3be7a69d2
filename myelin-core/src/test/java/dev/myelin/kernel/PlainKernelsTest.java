package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each plain-Java twin against its Vector API kernel, in this JVM (which has the module, so both load), on random data
 * with sizes around the vector width: elementwise results and the scalar-tail kernels (Adam, dropout, pooling, CSR max)
 * must match exactly, sums within float rounding.
 */
class PlainKernelsTest {
    private static final int[] SIZES = {0, 1, 7, 8, 9, 16, 33, 100};

    private static float[] rand(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    private static void close(String what, float[] expected, float[] actual, double tol) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertThat(actual[i]).as(what + "[" + i + "]").isNaN();
            } else {
                assertThat((double) actual[i])
                        .as(what + "[" + i + "]")
                        .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(expected[i]))));
            }
        }
    }

    @Test
    void vectorOps() {
        Random r = new Random(1);
        for (int n : SIZES) {
            float[] a = rand(r, n + 3), b = rand(r, n + 5);
            float[] o1 = new float[n + 2], o2 = new float[n + 2];
            VectorOpsSimd.add(a, 1, b, 2, o1, 1, n);
            VectorOpsPlain.add(a, 1, b, 2, o2, 1, n);
            close("add", o1, o2, 0);
            VectorOpsSimd.mul(a, 3, b, 0, o1, 0, n);
            VectorOpsPlain.mul(a, 3, b, 0, o2, 0, n);
            close("mul", o1, o2, 0);
            VectorOpsSimd.div(a, 0, b, 5, o1, 0, n);
            VectorOpsPlain.div(a, 0, b, 5, o2, 0, n);
            close("div", o1, o2, 0);
            VectorOpsSimd.sub(a, 0, b, 1, o1, 0, n);
            VectorOpsPlain.sub(a, 0, b, 1, o2, 0, n);
            close("sub", o1, o2, 0);
            VectorOpsSimd.relu(a, 0, o1, 0, n);
            VectorOpsPlain.relu(a, 0, o2, 0, n);
            close("relu", o1, o2, 0);
            VectorOpsSimd.reluBackward(a, 0, b, 0, o1, 0, n);
            VectorOpsPlain.reluBackward(a, 0, b, 0, o2, 0, n);
            close("reluBackward", o1, o2, 0);
            VectorOpsSimd.sigmoidBackward(a, 0, b, 0, o1, 0, n);
            VectorOpsPlain.sigmoidBackward(a, 0, b, 0, o2, 0, n);
            close("sigmoidBackward", o1, o2, 0);
            VectorOpsSimd.tanhBackward(a, 0, b, 0, o1, 0, n);
            VectorOpsPlain.tanhBackward(a, 0, b, 0, o2, 0, n);
            close("tanhBackward", o1, o2, 0);
            VectorOpsSimd.addScalar(a, 0, 0.5f, o1, 0, n);
            VectorOpsPlain.addScalar(a, 0, 0.5f, o2, 0, n);
            close("addScalar", o1, o2, 0);
            VectorOpsSimd.mulScalar(a, 0, -1.5f, o1, 0, n);
            VectorOpsPlain.mulScalar(a, 0, -1.5f, o2, 0, n);
            close("mulScalar", o1, o2, 0);
            float[] y1 = b.clone(), y2 = b.clone();
            VectorOpsSimd.axpy(0.3f, a, 0, y1, 0, n);
            VectorOpsPlain.axpy(0.3f, a, 0, y2, 0, n);
            close("axpy", y1, y2, 0);
            assertThat(VectorOpsPlain.sum(a, 1, n))
                    .isCloseTo(VectorOpsSimd.sum(a, 1, n), org.assertj.core.data.Offset.offset(1e-4f));
            assertThat(VectorOpsPlain.dot(a, 0, b, 0, n))
                    .isCloseTo(VectorOpsSimd.dot(a, 0, b, 0, n), org.assertj.core.data.Offset.offset(1e-4f));
            assertThat(VectorOpsPlain.max(a, 0, n)).isEqualTo(VectorOpsSimd.max(a, 0, n));
            int rows = 3;
            float[] x = rand(r, rows * (n + 2)), c1 = new float[n + 1], c2 = new float[n + 1];
            VectorOpsSimd.columnSums(x, 1, n + 2, rows - 1, n, c1, 1);
            VectorOpsPlain.columnSums(x, 1, n + 2, rows - 1, n, c2, 1);
            close("columnSums", c1, c2, 1e-6);
            float[] f1 = x.clone(), f2 = x.clone(), row = rand(r, n);
            VectorOpsSimd.fillRows(f1, 0, n + 2, rows, n, row);
            VectorOpsPlain.fillRows(f2, 0, n + 2, rows, n, row);
            close("fillRows", f1, f2, 0);
            float[] bias = rand(r, n + 2);
            f1 = x.clone();
            f2 = x.clone();
            VectorOpsSimd.biasReluRows(f1, rows, n + 2, bias);
            VectorOpsPlain.biasReluRows(f2, rows, n + 2, bias);
            close("biasReluRows", f1, f2, 0);
        }
    }

    @Test
    void gemmAllTransposesAndPackedB() {
        Random r = new Random(2);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 9, 33}, {70, 70, 70}, {8, 40, 300}, {130, 3, 40}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                float[] a = rand(r, m * k), b = rand(r, k * n), c0 = rand(r, m * n);
                float[] c1 = c0.clone(), c2 = c0.clone();
                Gemm.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, c1, 0, n, t == 3);
                GemmPlain.gemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, c2, 0, n, t == 3);
                close("gemm " + m + "x" + n + "x" + k + " t" + t, c1, c2, 1e-4);
            }
            float[] a = rand(r, m * k), b = rand(r, k * n), c1 = new float[m * n], c2 = new float[m * n];
            Gemm.sgemm(m, a, 0, k, Gemm.pack(false, k, n, b, 0, n), c1, 0, n, false);
            GemmPlain.gemm(m, a, 0, k, new PackedMatrix(k, n, GemmPlain.pack(false, k, n, b, 0, n)), c2, 0, n, false);
            close("packed", c1, c2, 1e-4);
        }
    }

    @Test
    void normalizationAdamAndDropout() {
        Random r = new Random(3);
        int n = 3, c = 4, inner = 19;
        float[] x = rand(r, n * c * inner), g = rand(r, n * c * inner);
        float[] m1 = new float[c], v1 = new float[c], m2 = new float[c], v2 = new float[c];
        BatchNormKernel.meanVar(x, n, c, inner, m1, v1);
        BatchNormKernelPlain.meanVar(x, n, c, inner, m2, v2);
        close("bn mean", m1, m2, 1e-6);
        close("bn var", v1, v2, 1e-6);
        float[] scale = rand(r, c), shift = rand(r, c), y1 = new float[x.length], y2 = new float[x.length];
        BatchNormKernel.affine(x, n, c, inner, scale, shift, y1);
        BatchNormKernelPlain.affine(x, n, c, inner, scale, shift, y2);
        close("bn affine", y1, y2, 0);
        float[] invstd = new float[c];
        for (int i = 0; i < c; i++) invstd[i] = (float) (1 / Math.sqrt(v1[i] + 1e-5));
        float[] gx1 = new float[x.length],
                gx2 = new float[x.length],
                gw1 = new float[c],
                gw2 = new float[c],
                gb1 = new float[c],
                gb2 = new float[c];
        BatchNormKernel.backward(g, x, n, c, inner, m1, invstd, scale, true, gx1, gw1, gb1);
        BatchNormKernelPlain.backward(g, x, n, c, inner, m1, invstd, scale, true, gx2, gw2, gb2);
        close("bn dx", gx1, gx2, 1e-5);
        close("bn dw", gw1, gw2, 1e-5);
        close("bn db", gb1, gb2, 1e-5);

        int rows = 40, cols = 37;
        float[] lx = rand(r, rows * cols), lg = rand(r, rows * cols), w = rand(r, cols), b = rand(r, cols);
        float[] ly1 = new float[lx.length],
                ly2 = new float[lx.length],
                mu1 = new float[rows],
                mu2 = new float[rows],
                rs1 = new float[rows],
                rs2 = new float[rows];
        LayerNormKernel.forward(lx, rows, cols, w, b, 1e-5f, ly1, mu1, rs1);
        LayerNormKernelPlain.forward(lx, rows, cols, w, b, 1e-5f, ly2, mu2, rs2);
        close("ln y", ly1, ly2, 1e-5);
        float[] dx1 = new float[lx.length],
                dx2 = new float[lx.length],
                dw1 = new float[cols],
                dw2 = new float[cols],
                db1 = new float[cols],
                db2 = new float[cols];
        LayerNormKernel.backward(lg, lx, rows, cols, w, mu1, rs1, dx1, dw1, db1);
        LayerNormKernelPlain.backward(lg, lx, rows, cols, w, mu1, rs1, dx2, dw2, db2);
        close("ln dx", dx1, dx2, 1e-5);
        close("ln dw", dw1, dw2, 1e-5);
        close("ln db", db1, db2, 1e-5);

        float[] p = rand(r, 101), grad = rand(r, 101), m = rand(r, 101), v = new float[101], vMax = new float[101];
        for (int i = 0; i < v.length; i++) v[i] = Math.abs(m[i]);
        float[] p2 = p.clone(), m2b = m.clone(), v2b = v.clone(), vMax2 = vMax.clone();
        AdamKernel.Scalars h = new AdamKernel.Scalars(0.9f, 0.999f, 0.01f, 0.03f, 1e-8f, 0.001f, 0.999f);
        AdamKernel.step(p, grad, m, v, vMax, h);
        AdamKernelPlain.step(p2, grad, m2b, v2b, vMax2, h);
        close("adam p", p, p2, 0);
        close("adam m", m, m2b, 0);
        close("adam v", v, v2b, 0);

        float[] dx = rand(r, 77),
                mask1 = new float[77],
                mask2 = new float[77],
                out1 = new float[77],
                out2 = new float[77];
        DropoutKernel.apply(42, 0x9E3779B97F4A7C15L, 0.3, 1 / 0.7f, dx, mask1, out1, 3, 77);
        DropoutKernelPlain.apply(42, 0x9E3779B97F4A7C15L, 0.3, 1 / 0.7f, dx, mask2, out2, 3, 77);
        close("dropout mask", mask1, mask2, 0);
        close("dropout out", out1, out2, 0);
    }

    @Test
    void pooling() {
        Random r = new Random(4);
        int planes = 3, h = 9, w = 11;
        float[] x = rand(r, planes * h * w);
        PoolAxis[][] cases = {
            {PoolAxis.sliding(h, 2, 2, 0, 1, false), PoolAxis.sliding(w, 2, 2, 0, 1, false)},
            {PoolAxis.sliding(h, 3, 2, 1, 1, true), PoolAxis.sliding(w, 3, 1, 1, 2, false)},
            {PoolAxis.adaptive(h, 4), PoolAxis.adaptive(w, 5)}
        };
        for (PoolAxis[] ax : cases) {
            int outPlane = ax[0].out() * ax[1].out();
            float[] o1 = new float[planes * outPlane], o2 = new float[planes * outPlane];
            int[] a1 = new int[o1.length], a2 = new int[o1.length];
            Pool2d.maxForward(x, planes, ax[0], ax[1], o1, a1);
            Pool2dPlain.maxForward(x, planes, ax[0], ax[1], o2, a2);
            close("max", o1, o2, 0);
            assertThat(a2).isEqualTo(a1);
            float[] g = rand(r, o1.length), gi1 = new float[x.length], gi2 = new float[x.length];
            if (ax[0].plain() == 2 && ax[1].plain() == 2) {
                Pool2d.maxBackward2x2(g, a1, planes, ax[0], ax[1], gi1);
                Pool2dPlain.maxBackward2x2(g, a2, planes, ax[0], ax[1], gi2);
            } else {
                Pool2d.maxBackward(g, a1, planes, h * w, outPlane, gi1);
                Pool2dPlain.maxBackward(g, a2, planes, h * w, outPlane, gi2);
            }
            close("max backward", gi1, gi2, 0);
            float[] div = new float[outPlane];
            java.util.Arrays.fill(div, 4f);
            Pool2d.avgForward(x, planes, ax[0], ax[1], div, o1);
            Pool2dPlain.avgForward(x, planes, ax[0], ax[1], div, o2);
            close("avg", o1, o2, 0);
            gi1 = new float[x.length];
            gi2 = new float[x.length];
            Pool2d.avgBackward(g, planes, ax[0], ax[1], div, gi1);
            Pool2dPlain.avgBackward(g, planes, ax[0], ax[1], div, gi2);
            close("avg backward", gi1, gi2, 0);
        }
    }

    @Test
    void sparse() {
        Random r = new Random(5);
        int rows = 6, f = 37;
        int[] rowPtr = {0, 2, 2, 5, 6, 8, 9}, col = {1, 3, 0, 2, 5, 4, 0, 1, 3};
        float[] values = rand(r, col.length), b = rand(r, rows * f), c1 = new float[rows * f], c2 = new float[rows * f];
        SpMM.csrTimesDense(rows, rowPtr, col, null, values, b, f, c1);
        SpMMPlain.csrTimesDense(rows, rowPtr, col, null, values, b, f, c2);
        close("csr x dense", c1, c2, 1e-6);
        float[] g = rand(r, rows * f), e1 = new float[col.length], e2 = new float[col.length];
        SpMM.entryGradients(rows, rowPtr, col, null, g, b, f, e1);
        SpMMPlain.entryGradients(rows, rowPtr, col, null, g, b, f, e2);
        close("entry gradients", e1, e2, 1e-5);
        int[] a1 = new int[rows * f], a2 = new int[rows * f];
        SpMM.csrMax(rows, rowPtr, col, b, f, c1, a1);
        SpMMPlain.csrMax(rows, rowPtr, col, b, f, c2, a2);
        close("csr max", c1, c2, 0);
        assertThat(a2).isEqualTo(a1);
    }

    @Test
    void attentionWithMaskCausalDropoutAndAFullyMaskedRow() {
        Random r = new Random(6);
        FlashAttention.Dims d = new FlashAttention.Dims(3, 9, 7, 5, 6);
        float[] q = rand(r, 3 * 9 * 5), k = rand(r, 3 * 7 * 5), v = rand(r, 3 * 7 * 6), dout = rand(r, 3 * 9 * 6);
        float[] md = rand(r, 9 * 7);
        java.util.Arrays.fill(md, 2 * 7, 3 * 7, Float.NEGATIVE_INFINITY); // query 2 sees no key
        FlashAttention.Mask mask = new FlashAttention.Mask(md, new int[] {0, 0, 0}, 7);
        Object[][] cases = {
            {null, false, null},
            {mask, false, null},
            {null, true, new FlashAttention.Dropout(0.3f, 11)},
            {mask, false, new FlashAttention.Dropout(0.5f, 5)}
        };
        for (Object[] cs : cases) {
            FlashAttention.Mask m = (FlashAttention.Mask) cs[0];
            boolean causal = (Boolean) cs[1];
            FlashAttention.Dropout drop = (FlashAttention.Dropout) cs[2];
            float[] o1 = new float[3 * 9 * 6], o2 = new float[o1.length], l1 = new float[27], l2 = new float[27];
            FlashAttention.forward(d, q, k, v, 0.4f, m, causal, drop, o1, l1);
            FlashAttentionPlain.forward(d, q, k, v, 0.4f, m, causal, drop, o2, l2);
            close("attention out", o1, o2, 1e-5);
            close("attention lse", l1, l2, 1e-5);
            float[] dq1 = new float[q.length], dk1 = new float[k.length], dv1 = new float[v.length];
            float[] dq2 = new float[q.length], dk2 = new float[k.length], dv2 = new float[v.length];
            FlashAttention.backward(d, q, k, v, 0.4f, m, causal, drop, o1, l1, dout, dq1, dk1, dv1);
            FlashAttentionPlain.backward(d, q, k, v, 0.4f, m, causal, drop, o1, l1, dout, dq2, dk2, dv2);
            close("attention dq", dq1, dq2, 1e-5);
            close("attention dk", dk1, dk2, 1e-5);
            close("attention dv", dv1, dv2, 1e-5);
        }
    }

    @Test
    void recurrentCells() {
        Random r = new Random(7);
        int batch = 3, hid = 11;
        float[] xg = rand(r, batch * 4 * hid), hg = rand(r, batch * 4 * hid), c = rand(r, batch * hid);
        float[] act1 = new float[batch * LstmCellKernel.savedPerRow(hid)], act2 = new float[act1.length];
        float[] hc1 = new float[batch * 2 * hid], hc2 = new float[hc1.length];
        LstmCellKernel.forward(batch, hid, xg, 0, 4 * hid, hg, 0, 4 * hid, c, 0, hid, act1, hc1);
        LstmCellKernelPlain.forward(batch, hid, xg, 0, 4 * hid, hg, 0, 4 * hid, c, 0, hid, act2, hc2);
        close("lstm act", act1, act2, 1e-6);
        close("lstm hc", hc1, hc2, 1e-6);
        float[] dhc = rand(r, hc1.length),
                dg1 = new float[batch * 4 * hid],
                dg2 = new float[dg1.length],
                dc1 = new float[batch * hid],
                dc2 = new float[dc1.length];
        LstmCellKernel.backward(batch, hid, dhc, act1, c, 0, hid, dg1, dc1);
        LstmCellKernelPlain.backward(batch, hid, dhc, act1, c, 0, hid, dg2, dc2);
        close("lstm dgates", dg1, dg2, 1e-6);
        close("lstm dc", dc1, dc2, 1e-6);

        float[] gxg = rand(r, batch * 3 * hid), ghg = rand(r, batch * 3 * hid), h = rand(r, batch * hid);
        float[] ga1 = new float[batch * GruCellKernel.savedPerRow(hid)],
                ga2 = new float[ga1.length],
                go1 = new float[batch * hid],
                go2 = new float[go1.length];
        GruCellKernel.forward(batch, hid, gxg, 0, 3 * hid, ghg, 0, 3 * hid, h, 0, hid, ga1, go1);
        GruCellKernelPlain.forward(batch, hid, gxg, 0, 3 * hid, ghg, 0, 3 * hid, h, 0, hid, ga2, go2);
        close("gru act", ga1, ga2, 1e-6);
        close("gru out", go1, go2, 1e-6);
        float[] dOut = rand(r, batch * hid),
                dx1 = new float[batch * 3 * hid],
                dx2 = new float[dx1.length],
                dh1 = new float[batch * 3 * hid],
                dh2 = new float[dh1.length];
        float[] dp1 = new float[batch * hid], dp2 = new float[dp1.length];
        GruCellKernel.backward(batch, hid, dOut, ga1, h, 0, hid, dx1, dh1, dp1);
        GruCellKernelPlain.backward(batch, hid, dOut, ga1, h, 0, hid, dx2, dh2, dp2);
        close("gru dxg", dx1, dx2, 1e-6);
        close("gru dhg", dh1, dh2, 1e-6);
        close("gru dh", dp1, dp2, 1e-6);

        for (boolean relu : new boolean[] {false, true}) {
            float[] pre1 = rand(r, hid), pre2 = pre1.clone(), out1 = new float[hid], out2 = new float[hid];
            RnnCellKernel.forwardRow(relu, hid, pre1, 0, out1, 0);
            RnnCellKernelPlain.forwardRow(relu, hid, pre2, 0, out2, 0);
            close("rnn out", out1, out2, 1e-6);
            float[] dO = rand(r, hid), d1 = new float[hid], d2 = new float[hid];
            RnnCellKernel.backwardRow(relu, hid, dO, 0, out1, 0, d1, 0);
            RnnCellKernelPlain.backwardRow(relu, hid, dO, 0, out1, 0, d2, 0);
            close("rnn dpre", d1, d2, 1e-6);
        }
    }
}
