package dev.myelin.spark;

import dev.myelin.tensor.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's {@code stateDict()} in serializable form, and the weighted average that parameter averaging
 * takes of several: per-parameter buffers ({@code state.i.exp_avg}, momentum, ...) are averaged, step counts take
 * the largest, group settings are kept.
 *
 * @param keys the state dict's keys, in its order
 * @param shapes each entry's shape
 * @param values each entry's values
 */
record OptimizerSnapshot(String[] keys, int[][] shapes, float[][] values) implements Serializable {
    static OptimizerSnapshot of(Map<String, Tensor> dict) {
        int n = dict.size(), i = 0;
        String[] keys = new String[n];
        int[][] shapes = new int[n][];
        float[][] values = new float[n][];
        for (var e : dict.entrySet()) {
            keys[i] = e.getKey();
            shapes[i] = e.getValue().shape();
            values[i] = e.getValue().contiguous().data().clone();
            i++;
        }
        return new OptimizerSnapshot(keys, shapes, values);
    }

    Map<String, Tensor> toStateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) out.put(keys[i], new Tensor(values[i].clone(), shapes[i]));
        return out;
    }

    private static boolean averaged(String key) {
        return key.startsWith("state.") && !key.endsWith(".step");
    }

    /** {@code weight} times this state's averaged buffers, for summing (the rest copied). */
    OptimizerSnapshot scaled(double weight) {
        float[][] v = new float[values.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i].clone();
            if (averaged(keys[i])) for (int j = 0; j < v[i].length; j++) v[i][j] *= (float) weight;
        }
        return new OptimizerSnapshot(keys, shapes, v);
    }

    /** The sum of two scaled snapshots of the same optimizer (steps: the larger). */
    OptimizerSnapshot plus(OptimizerSnapshot o) {
        if (o.keys.length != keys.length)
            throw new IllegalStateException(
                    "optimizer states differ in size: " + keys.length + " and " + o.keys.length + " entries");
        float[][] v = new float[values.length][];
        for (int i = 0; i < v.length; i++) {
            if (!keys[i].equals(o.keys[i]))
                throw new IllegalStateException("optimizer states differ: " + keys[i] + " against " + o.keys[i]);
            v[i] = values[i].clone();
            if (averaged(keys[i])) for (int j = 0; j < v[i].length; j++) v[i][j] += o.values[i][j];
            else if (keys[i].endsWith(".step"))
                for (int j = 0; j < v[i].length; j++) v[i][j] = Math.max(v[i][j], o.values[i][j]);
        }
        return new OptimizerSnapshot(keys, shapes, v);
    }
}
