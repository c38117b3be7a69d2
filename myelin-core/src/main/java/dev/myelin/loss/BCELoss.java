package dev.myelin.loss;

import dev.myelin.autograd.Engine;
import dev.myelin.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities, −w·[t·log x + (1 − t)·log(1 − x)], as {@code nn.BCELoss}: the
 * binary-classification loss after a sigmoid output. As in PyTorch each log is clamped to ≥ −100, so
 * a saturated probability of exactly 0 or 1 gives a finite loss, and the input gradient is
 * (x − t)/max(x(1 − x), 1e-12). For raw outputs prefer {@link BCEWithLogitsLoss}, which is stabler.
 */
public class BCELoss extends Loss {
    private final Tensor weight;

    /** @param weight rescaling weight broadcast against the input, or null */
    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        this.weight = weight;
    }

    public BCELoss(Reduction reduction) {
        this(null, reduction);
    }

    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        float[] x = input.data(), t = target.data(), o = new float[x.length];
        float[] logX = new float[x.length], log1mX = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && x[i] <= 1))
                throw new IllegalArgumentException("BCELoss: all elements of input should be probabilities in [0, 1], element " + i + " is " + x[i]
                        + "; apply a sigmoid first or use BCEWithLogitsLoss");
            logX[i] = (float) Math.max(Math.log(x[i]), -100);
            log1mX[i] = (float) Math.max(Math.log1p(-(double) x[i]), -100);
            o[i] = -(t[i] * logX[i] + (1 - t[i]) * log1mX[i]);
        }
        Tensor perElement = Engine.record(new Tensor(o, input.shape()), "BinaryCrossEntropyBackward", g -> {
            float[] gd = g.data();
            if (input.requiresGrad()) {
                float[] gx = new float[x.length];
                for (int i = 0; i < gx.length; i++)
                    gx[i] = (float) (gd[i] * (x[i] - (double) t[i]) / Math.max((double) x[i] * (1 - (double) x[i]), 1e-12));
                input.accumulateGrad(new Tensor(gx, input.shape()));
            }
            if (target.requiresGrad()) { // d/dt = log(1 − x) − log x
                float[] gt = new float[x.length];
                for (int i = 0; i < gt.length; i++) gt[i] = gd[i] * (log1mX[i] - logX[i]);
                target.accumulateGrad(new Tensor(gt, target.shape()));
            }
        }, input, target);
        return reduce(weight == null ? perElement : perElement.mul(weight));
    }
}
