package dev.myelin.loss;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * Class-index targets for NLL and cross-entropy: validated indices, the index to gather for each
 * sample (0 stands in for ignored ones) and each sample's weight w[yₙ] (0 when ignored). Targets are
 * {@link IndexTensor}s; float targets (whole numbers) are converted once by {@link #fromFloats}. Inputs
 * with extra dims, [N, C, d1, ..., dk] (a class score per token or pixel), are handled as N·d1···dk
 * samples by {@link #classesLast}, with the target checked by {@link #checkedTarget}.
 */
final class ClassTargets {
    final int n, classes;
    final int[] gatherIndex;
    final float[] sampleWeight;
    final boolean[] ignored;
    final double weightSum;
    final boolean allIgnored;

    /** @param target class indices of any shape (already checked against the input), one sample per element, row-major */
    ClassTargets(String who, IndexTensor target, int classes, Tensor weight, int ignoreIndex) {
        if (weight != null && (weight.dim() != 1 || weight.size(0) != classes))
            throw new ShapeMismatchException(
                    who + ": class weight must have shape [" + classes + "], got " + Shapes.str(weight.shape()));
        int[] t = target.toArray(), shape = target.shape();
        float[] w = weight == null ? null : weight.values();
        this.n = t.length;
        this.classes = classes;
        gatherIndex = new int[n];
        sampleWeight = new float[n];
        ignored = new boolean[n];
        double sum = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int v = t[i];
            if (v == ignoreIndex) {
                ignored[i] = true;
                continue;
            }
            if (v < 0 || v >= classes)
                throw new IllegalArgumentException(who + ": target " + v + " at position " + position(shape, i)
                        + " is not a class index in [0, " + classes + ")"
                        + (ignoreIndex == Integer.MIN_VALUE ? "" : " (nor the ignoreIndex " + ignoreIndex + ")"));
            gatherIndex[i] = v;
            sampleWeight[i] = w == null ? 1 : w[v];
            sum += sampleWeight[i];
            kept++;
        }
        weightSum = sum;
        allIgnored = kept == 0;
    }

    /** Float class indices (whole numbers below 2^24) as an IndexTensor; errors name the loss, the position and the value. */
    static IndexTensor fromFloats(String who, Tensor target) {
        return IndexTensor.fromTensor(who, "target", target);
    }

    /** A flat position as coordinates in {@code shape} ("[1, 2]"), or a plain number for a 1-D target. */
    private static String position(int[] shape, int flat) {
        if (shape.length <= 1) return Integer.toString(flat);
        int[] c = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            c[k] = flat % shape[k];
            flat /= shape[k];
        }
        return Arrays.toString(c);
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

    /** A class-index target for input [N, C, d1, ..., dk] ([N, C]: [N]), checked to have shape [N, d1, ..., dk]. */
    static IndexTensor checkedTarget(String who, Tensor x, IndexTensor target) {
        int[] expected = sampleShape(x);
        if (!Arrays.equals(target.shape(), expected))
            throw new ShapeMismatchException(who + ": class-index target must have shape " + Shapes.str(expected)
                    + " for input of shape " + Shapes.str(x.shape()) + ", got " + Shapes.str(target.shape()));
        return target;
    }

    /** The gathered class of each sample as an [n, 1] index (0 for ignored samples). */
    IndexTensor gatherColumn() {
        return IndexTensor.of(gatherIndex, n, 1);
    }

    /** −w[yₙ]·logp[n, yₙ] per sample, reduced; MEAN divides by Σ w[yₙ] over non-ignored samples, as PyTorch. */
    Tensor nll(Tensor logp, Reduction reduction) {
        Tensor picked = logp.gather(1, gatherColumn()).reshape(n);
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
