package dev.myelin.kernel;

/**
 * im2col / col2im for one NCHW image, so a 2-D convolution becomes a GEMM.
 *
 * <p>Column layout (the Caffe/PyTorch one): {@code col} is a row-major matrix with
 * {@code channels*kh*kw} rows and {@code outH*outW} columns. Row {@code (c*kh + i)*kw + j} holds,
 * for every output position {@code (oh, ow)} at column {@code oh*outW + ow}, the input value
 * {@code x[c][oh*strideH - padH + i*dilH][ow*strideW - padW + j*dilW]}, or 0 where that falls in the
 * padding. Then, with weights W stored {@code [outChannels][channels*kh*kw]}:
 * forward {@code y = W·col}, weight gradient {@code dW = dY·colᵀ}, input gradient
 * {@code dcol = Wᵀ·dY} followed by {@link #col2im}.
 *
 * <p>Output sizes follow PyTorch: {@code out = (in + 2*pad - dil*(k-1) - 1) / stride + 1}.
 */
public final class Im2col {

    private Im2col() {}

    /** Output length of one spatial dimension (PyTorch's formula, floor division). */
    public static int outSize(int in, int k, int stride, int pad, int dil) {
        if (in < 0 || k < 1 || stride < 1 || pad < 0 || dil < 1) {
            throw new IllegalArgumentException("conv geometry: in=" + in + " kernel=" + k + " stride=" + stride
                    + " pad=" + pad + " dilation=" + dil + " (need in>=0, kernel>=1, stride>=1, pad>=0, dilation>=1)");
        }
        int span = in + 2 * pad - dil * (k - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }

    /**
     * Unfolds image {@code x[xOff ..]} (channels×height×width) into {@code col[colOff ..]}
     * ((channels*kh*kw) × (outH*outW)), overwriting it. Layout in the class comment.
     */
    public static void im2col(
            float[] x,
            int xOff,
            int channels,
            int height,
            int width,
            int kh,
            int kw,
            int strideH,
            int strideW,
            int padH,
            int padW,
            int dilH,
            int dilW,
            float[] col,
            int colOff) {
        int outH = outSize(height, kh, strideH, padH, dilH);
        int outW = outSize(width, kw, strideW, padW, dilW);
        check(x, xOff, channels, height, width, kh, kw, outH, outW, col, colOff);
        int rows = channels * kh * kw;
        int outHW = outH * outW;
        Parallel.forRange(rows, Math.max(1, 32768 / Math.max(1, outHW)), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int c = r / (kh * kw);
                int i = r / kw % kh;
                int j = r % kw;
                int xc = xOff + c * height * width;
                int dst = colOff + r * outHW;
                int woff = j * dilW - padW;
                // valid ow: 0 <= ow*strideW + woff < width
                int owLo = woff >= 0 ? 0 : Math.min(outW, (-woff + strideW - 1) / strideW);
                int owHi = width - woff <= 0 ? 0 : Math.min(outW, (width - woff + strideW - 1) / strideW);
                owHi = Math.max(owHi, owLo);
                for (int oh = 0; oh < outH; oh++, dst += outW) {
                    int ih = oh * strideH - padH + i * dilH;
                    if (ih < 0 || ih >= height) {
                        java.util.Arrays.fill(col, dst, dst + outW, 0f);
                        continue;
                    }
                    int src = xc + ih * width + woff;
                    java.util.Arrays.fill(col, dst, dst + owLo, 0f);
                    if (strideW == 1) {
                        System.arraycopy(x, src + owLo, col, dst + owLo, owHi - owLo);
                    } else {
                        for (int ow = owLo; ow < owHi; ow++) {
                            col[dst + ow] = x[src + ow * strideW];
                        }
                    }
                    java.util.Arrays.fill(col, dst + owHi, dst + outW, 0f);
                }
            }
        });
    }

    /**
     * Folds columns back into an image: the adjoint of {@link #im2col}. Each column entry is
     * <em>added</em> to the input position it was read from (entries from padding are dropped), so
     * overlapping windows sum; zero {@code x} first for a plain gradient. Channels are split across
     * threads, so the summation order is fixed.
     */
    public static void col2im(
            float[] col,
            int colOff,
            int channels,
            int height,
            int width,
            int kh,
            int kw,
            int strideH,
            int strideW,
            int padH,
            int padW,
            int dilH,
            int dilW,
            float[] x,
            int xOff) {
        int outH = outSize(height, kh, strideH, padH, dilH);
        int outW = outSize(width, kw, strideW, padW, dilW);
        check(x, xOff, channels, height, width, kh, kw, outH, outW, col, colOff);
        int outHW = outH * outW;
        Parallel.forRange(channels, Math.max(1, 32768 / Math.max(1, kh * kw * outHW)), (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int xc = xOff + c * height * width;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int src = colOff + ((c * kh + i) * kw + j) * outHW;
                        int woff = j * dilW - padW;
                        int owLo = woff >= 0 ? 0 : Math.min(outW, (-woff + strideW - 1) / strideW);
                        int owHi = width - woff <= 0 ? 0 : Math.min(outW, (width - woff + strideW - 1) / strideW);
                        for (int oh = 0; oh < outH; oh++, src += outW) {
                            int ih = oh * strideH - padH + i * dilH;
                            if (ih < 0 || ih >= height) {
                                continue;
                            }
                            int dst = xc + ih * width + woff;
                            if (strideW == 1) {
                                if (owHi > owLo) {
                                    VectorOps.add(x, dst + owLo, col, src + owLo, x, dst + owLo, owHi - owLo);
                                }
                            } else {
                                for (int ow = owLo; ow < owHi; ow++) {
                                    x[dst + ow * strideW] += col[src + ow];
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    private static void check(
            float[] x,
            int xOff,
            int channels,
            int height,
            int width,
            int kh,
            int kw,
            int outH,
            int outW,
            float[] col,
            int colOff) {
        long xNeed = (long) xOff + (long) channels * height * width;
        long colNeed = (long) colOff + (long) channels * kh * kw * outH * outW;
        if (channels < 0
                || height < 0
                || width < 0
                || xOff < 0
                || colOff < 0
                || xNeed > x.length
                || colNeed > col.length) {
            throw new IllegalArgumentException("im2col: image " + channels + "x" + height + "x" + width + " at offset "
                    + xOff + " needs " + xNeed + " elements (array has " + x.length + "); columns "
                    + (channels * kh * kw) + "x" + (outH * outW) + " at offset " + colOff + " need " + colNeed
                    + " (array has " + col.length + ")");
        }
    }
}
