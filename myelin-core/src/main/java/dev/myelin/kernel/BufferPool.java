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

    /** Gives an array back for reuse; the caller must not touch it afterwards. The oldest go first when full. */
    public static synchronized void give(float[] a) {
        if (a == null || a.length > KEEP_FLOATS) return;
        while (kept + a.length > KEEP_FLOATS) kept -= FREE.removeFirst().length;
        FREE.addLast(a);
        kept += a.length;
    }
}
