package dev.myelin.kernel;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Large float arrays kept between training steps for kernels that need big scratch space every step (the
 * saved activations of a recurrent sequence): Java zeroes every new array, about 1 ms for 7 MB on the
 * machines measured, where PyTorch's caching allocator hands back freed memory as it is. An array taken
 * has undefined contents. At most an eighth of the maximum heap is kept; beyond that, returned arrays are
 * left to the garbage collector. Thread-safe.
 */
public final class BufferPool {
    private static final long KEEP_FLOATS = Runtime.getRuntime().maxMemory() / 4 / 8;
    private static final ArrayDeque<float[]> FREE = new ArrayDeque<>();
    private static long kept;
    /** Arrays of one length kept at most: a training step takes each size a few times. */
    static final int PER_LENGTH = 4;

    private BufferPool() {}

    /** An array of exactly {@code length} floats with undefined contents: a returned one if there is, else new. */
    public static synchronized float[] take(int length) {
        for (Iterator<float[]> it = FREE.iterator(); it.hasNext(); ) {
            float[] a = it.next();
            if (a.length == length) {
                it.remove();
                kept -= length;
                return a;
            }
        }
        return new float[length];
    }

    /**
     * Gives an array back for reuse; the caller must not touch it afterwards. The oldest go first when full, and
     * at most {@link #PER_LENGTH} arrays of one length are kept: arrays of a length no kernel takes again (a
     * training step gives back gradients of sizes it never allocates from the pool) would otherwise pile up to the
     * cap and keep the garbage collector busy.
     */
    public static synchronized void give(float[] a) {
        if (a == null || a.length > KEEP_FLOATS) return;
        int same = 0;
        for (float[] f : FREE) if (f.length == a.length) same++;
        if (same >= PER_LENGTH) return;
        while (kept + a.length > KEEP_FLOATS) kept -= FREE.removeFirst().length;
        FREE.addLast(a);
        kept += a.length;
    }
}
