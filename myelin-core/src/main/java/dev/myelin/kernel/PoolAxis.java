package dev.myelin.kernel;

/**
 * The pooling windows along one spatial axis: output position {@code o} reads the input positions
 * {@code first[o] + j*step} for {@code j < count[o]} (padding already cut off). One description serves
 * sliding windows (kernel, stride, padding, dilation, ceil mode) and adaptive ones, so each pooling kernel
 * is written once.
 *
 * @param in    input length
 * @param first first input position of each output's window
 * @param count number of input positions in each window (at least 1)
 * @param step  distance between the positions of a window (the dilation)
 * @param plain k when window o is exactly [o*k, o*k + k) for every o (the common non-overlapping pool), else 0
 */
public record PoolAxis(int in, int[] first, int[] count, int step, int plain) {

    /** Output length. */
    public int out() {
        return first.length;
    }

    /**
     * PyTorch's output length of a sliding pool: {@code (in + 2p − d(k−1) − 1 [+ s−1 with ceil]) / s + 1}, one
     * less when ceil mode would start the last window in the right padding. May be ≤ 0 for a too-small input.
     */
    public static int slidingOut(int in, int kernel, int stride, int pad, int dil, boolean ceilMode) {
        long span = (long) in + 2L * pad - (long) dil * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        long out = Math.floorDiv(span, stride) + 1;
        if (ceilMode && (out - 1) * stride >= in + pad) out--;
        return (int) Math.max(Math.min(out, Integer.MAX_VALUE), Integer.MIN_VALUE);
    }

    /** Sliding windows; the caller has checked that {@link #slidingOut} is positive. */
    public static PoolAxis sliding(int in, int kernel, int stride, int pad, int dil, boolean ceilMode) {
        int out = slidingOut(in, kernel, stride, pad, dil, ceilMode);
        int[] first = new int[out], count = new int[out];
        for (int o = 0; o < out; o++) {
            int start = o * stride - pad, j0 = 0, j1 = kernel;
            while (j0 < kernel && start + j0 * dil < 0) j0++;
            while (j1 > j0 && start + (j1 - 1) * dil >= in) j1--;
            first[o] = start + j0 * dil;
            count[o] = j1 - j0;
        }
        boolean plain = stride == kernel && dil == 1 && pad == 0;
        for (int o = 0; plain && o < out; o++) plain = count[o] == kernel;
        return new PoolAxis(in, first, count, dil, plain ? kernel : 0);
    }

    /** Adaptive windows, as PyTorch: output o covers [⌊o·in/out⌋, ⌈(o+1)·in/out⌉). */
    public static PoolAxis adaptive(int in, int out) {
        int[] first = new int[out], count = new int[out];
        for (int o = 0; o < out; o++) {
            int start = (int) ((long) o * in / out), end = (int) (((long) (o + 1) * in + out - 1) / out);
            first[o] = start;
            count[o] = end - start;
        }
        boolean plain = in % out == 0;
        return new PoolAxis(in, first, count, 1, plain ? in / out : 0);
    }
}
