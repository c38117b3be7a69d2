package dev.myelin.kernel;

/**
 * The sizes of one batched 2-D convolution (NCHW input, weight [outChannels, channels/groups, kh, kw]), checked
 * once and shared by the forward and both backward kernels of {@link Conv2dKernel}. Output sizes follow
 * PyTorch: {@code out = (in + 2*pad - dil*(k-1) - 1) / stride + 1}.
 */
public record ConvGeometry(
        int batch,
        int channels,
        int height,
        int width,
        int outChannels,
        int kh,
        int kw,
        int strideH,
        int strideW,
        int padH,
        int padW,
        int dilH,
        int dilW,
        int groups,
        int outH,
        int outW) {

    /** The geometry of a convolution of an input [batch, channels, height, width]; output sizes are computed. */
    public static ConvGeometry of(
            int batch,
            int channels,
            int height,
            int width,
            int outChannels,
            int kh,
            int kw,
            int strideH,
            int strideW,
            int padH,
            int padW,
            int dilH,
            int dilW,
            int groups) {
        if (batch < 0
                || channels < 1
                || height < 0
                || width < 0
                || outChannels < 1
                || groups < 1
                || channels % groups != 0
                || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv geometry: input [" + batch + ", " + channels + ", " + height + ", "
                    + width + "], " + outChannels + " output channels, groups=" + groups
                    + " (need sizes >= 0, channels >= 1 and groups dividing both channel counts)");
        }
        int oh = Im2col.outSize(height, kh, strideH, padH, dilH);
        int ow = Im2col.outSize(width, kw, strideW, padW, dilW);
        long col = (long) channels / groups * kh * kw * oh * ow;
        long in = (long) batch * channels * height * width, out = (long) batch * outChannels * oh * ow;
        if (col > Integer.MAX_VALUE || in > Integer.MAX_VALUE || out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("conv geometry: input [" + batch + ", " + channels + ", " + height + ", "
                    + width + "] with kernel " + kh + "x" + kw + " needs arrays over 2^31-1 elements");
        }
        return new ConvGeometry(
                batch,
                channels,
                height,
                width,
                outChannels,
                kh,
                kw,
                strideH,
                strideW,
                padH,
                padW,
                dilH,
                dilW,
                groups,
                oh,
                ow);
    }

    /** Input channels per group. */
    public int groupChannels() {
        return channels / groups;
    }

    /** Output channels per group. */
    public int groupOutChannels() {
        return outChannels / groups;
    }

    /** Rows of one group's im2col matrix (= columns of its weight matrix): channels/groups * kh * kw. */
    public int patch() {
        return groupChannels() * kh * kw;
    }

    /** Output positions per image: outH * outW. */
    public int outPlane() {
        return outH * outW;
    }

    /** Elements of one input image. */
    public int inImage() {
        return channels * height * width;
    }

    /** Elements of one output image. */
    public int outImage() {
        return outChannels * outH * outW;
    }

    /** Elements of the weight. */
    public int weightSize() {
        return outChannels * patch();
    }

    /** Whether im2col is the identity (a 1x1 kernel, stride 1, no padding), so the input is read as the columns. */
    boolean pointwise() {
        return kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }

    /** Multiply-adds of one forward pass (each backward pass costs the same). */
    public long macs() {
        return (long) batch * outChannels * outPlane() * patch();
    }
}
