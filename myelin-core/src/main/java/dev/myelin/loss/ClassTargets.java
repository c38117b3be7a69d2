package dev.myelin.loss;

import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;

/**
 * Class-index targets for NLL and cross-entropy: validated indices, the index to gather for each
 * sample (0 stands in for ignored ones) and each sample's weight w[yₙ] (0 when ignored).
 */
final class ClassTargets {
    final int n, classes;
    final float[] gatherIndex, sampleWeight;
    final boolean[] ignored;
    final double weightSum;

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
        float[] t = target.data();
        double sum = 0;
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
            sampleWeight[i] = weight == null ? 1 : weight.data()[(int) v];
            sum += sampleWeight[i];
        }
        weightSum = sum;
    }

    /** −w[yₙ]·logp[n, yₙ] per sample, reduced; MEAN divides by Σ w[yₙ] over non-ignored samples, as PyTorch. */
    Tensor nll(Tensor logp, Reduction reduction) {
        Tensor picked = logp.gather(1, new Tensor(gatherIndex.clone(), n, 1)).reshape(n);
        Tensor perSample = picked.mul(new Tensor(sampleWeight.clone(), n)).neg();
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.sum().div((float) weightSum);
            case BATCHMEAN -> throw new IllegalArgumentException("batchmean is only for KLDivLoss");
        };
    }

    /** 0 for ignored samples, 1 otherwise, shape [n]. */
    Tensor keepMask() {
        float[] m = new float[n];
        for (int i = 0; i < n; i++) m[i] = ignored[i] ? 0 : 1;
        return new Tensor(m, n);
    }
}
