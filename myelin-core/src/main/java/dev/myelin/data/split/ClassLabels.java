package dev.myelin.data.split;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.TreeMap;

/** Turns a label tensor ([N] or [N, 1]) into class codes 0..C-1 in sorted label order, for stratification. */
final class ClassLabels {
    private ClassLabels() {}

    static int[] encode(Tensor y, String op) {
        if (!(y.dim() == 1 || (y.dim() == 2 && y.size(1) == 1)))
            throw new IllegalArgumentException(op + ": stratification needs class labels of shape [N] or [N, 1], got "
                    + Arrays.toString(y.shape()));
        float[] d = y.values();
        TreeMap<Float, Integer> codes = new TreeMap<>();
        for (float v : d) codes.putIfAbsent(v, 0);
        int k = 0;
        for (var e : codes.entrySet()) e.setValue(k++);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) out[i] = codes.get(d[i]);
        return out;
    }

    static int numClasses(int[] codes) {
        int c = 0;
        for (int v : codes) c = Math.max(c, v + 1);
        return c;
    }
}
