package dev.myelin.loss;

import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;

import java.util.Arrays;

/**
 * Class-index targets for NLL and cross-entropy: validated indices, the index to gather for each
 * sample (0 stands in for ignored ones) and each sample's weight w[yₙ] (0 when ignored). Inputs with
 * extra dims, [N, C, d1, ..., dk] (a class score per token or pixel), are handled as N·d1···dk samples
 * by {@link #classesLast} and {@link #flatTarget}.
 */
final class ClassTargets {
    final int n, classes;
    final float[] gatherIndex, sampleWeight;
    final boolean[] ignored;
    final double weightSum;
    final boolean allIgnored;

    ClassTargets(String who, Tensor target, int n, int classes, Tensor weight, int ignoreIndex) {
        if (target.dim() != 1 || target.size(0) != n)
            throw new ShapeMismatchException(who + ": class-index target must have shape [" + n + "] for input with " + n
                    + " rows, got " + Shapes.str(target.shape()));
        if (weight != null && (weight.dim() != 1 || weight.size(0) != classes))
            throw new ShapeMismatchException(who + ": class weight must have shape [" + classes + "], got " + Shapes.str(weight.shape()));
        this.n = n;
        this.classes = classes;
        gatherIndex = new float[n];
        sampleWeight = new float[n];
        ignored = new boolean[n];
        float[] t = target.values();
        double sum = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            float v = t[i];
            if (v == ignoreIndex) {
                ignored[i] = true;
                continue;
            }
            if (v != Math.rint(v) || v < 0 || v >= classes)
                throw new IllegalArgumentException(who + ": target " + v + " at position " + i + " is not a class index in [0, " + classes + ")"
                        + " (nor the ignoreIndex " + ignoreIndex + ")");
            gatherIndex[i] = v;
            sampleWeight[i] = weight == null ? 1 : weight.values()[(int) v];
            sum += sampleWeight[i];
            kept++;
        }
        weightSum = sum;
        allIgnored = kept == 0;
    }

    /** [N, C, d1, ..., dk] as [N·d1···dk, C], the class dim moved last (a 2-D input is returned as is). */
    static Tensor classesLast(Tensor x) {
        if (x.dim() == 2) return x;
        int[] order = new int[x.dim()];
        for (int i = 1; i < order.length - 1; i++) order[i] = i + 1;
        order[order.length - 1] = 1;
        return x.permute(order).reshape(-1, x.size(1));
    }

    /** The shape of per-sample losses for input [N, C, d1, ..., dk]: [N, d1, ..., dk]. */
    static int[] sampleShape(Tensor x) {
        int[] s = x.shape(), out = new int[s.length - 1];
        out[0] = s[0];
        System.arraycopy(s, 2, out, 1, s.length - 2);
        return out;
    }

    /** A class-index target for input [N, C, d1, ..., dk], checked to be [N, d1, ..., dk] and flattened. */
    static Tensor flatTarget(String who, Tensor x, Tensor target) {
        int[] expected = sampleShape(x);
        if (!Arrays.equals(target.shape(), expected))
            throw new ShapeMismatchException(who + ": class-index target must have shape " + Shapes.str(expected) + " for input of shape "
                    + Shapes.str(x.shape()) + ", got " + Shapes.str(target.shape()));
        return target.reshape(-1);
    }

    /** −w[yₙ]·logp[n, yₙ] per sample, reduced; MEAN divides by Σ w[yₙ] over non-ignored samples, as PyTorch. */
    Tensor nll(Tensor logp, Reduction reduction) {
        Tensor picked = logp.gather(1, new Tensor(gatherIndex.clone(), n, 1)).reshape(n);
        Tensor perSample = picked.mul(new Tensor(sampleWeight.clone(), n)).neg();
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> weightedMean(perSample.sum());
            case BATCHMEAN -> throw new IllegalArgumentException("batchmean is only for KLDivLoss");
        };
    }

    /**
     * total / Σ w[yₙ], PyTorch's weighted mean. With every target ignored that is 0/0: the loss is NaN, as
     * in PyTorch, and the gradient is zero as in PyTorch (dividing by 0 would make it NaN).
     */
    Tensor weightedMean(Tensor total) {
        return allIgnored ? total.mul(0f).add(Float.NaN) : total.div((float) weightSum);
    }

    /** 0 for ignored samples, 1 otherwise, shape [n]. */
    Tensor keepMask() {
        float[] m = new float[n];
        for (int i = 0; i < n; i++) m[i] = ignored[i] ? 0 : 1;
        return new Tensor(m, n);
    }
}
