package dev.myelin.optim;

import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** LR sequences against torch 1.13's lr_scheduler on SGD(lr=0.5) (printed optimizer lr after each step). */
class LRSchedulerTest {
    static SGD sgd() {
        return new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.5);
    }

    static void assertSequence(Function<Optimizer, LRScheduler> make, double[] metrics, double... expected) {
        SGD opt = sgd();
        LRScheduler s = make.apply(opt);
        assertThat(opt.learningRate()).isCloseTo(expected[0], within(1e-7));
        for (int i = 1; i < expected.length; i++) {
            if (metrics == null) s.step(); else s.step(metrics[i - 1]);
            assertThat(opt.learningRate()).as("%s after %d steps", s, i).isCloseTo(expected[i], within(1e-7));
        }
        assertThat(s.lastEpoch()).isEqualTo(expected.length - 1);
    }

    @Test
    void stepLR() {
        assertSequence(o -> new StepLR(o, 3, 0.5), null, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125);
    }

    @Test
    void exponentialLR() {
        assertSequence(o -> new ExponentialLR(o, 0.9), null,
                0.5, 0.45, 0.405, 0.3645, 0.32805, 0.295245, 0.2657205, 0.23914845, 0.215233605);
    }

    @Test
    void cosineAnnealingLRIncludingPastTMax() {
        assertSequence(o -> new CosineAnnealingLR(o, 4, 0.1), null,
                0.5, 0.441421356237, 0.3, 0.158578643763, 0.1, 0.158578643763, 0.3, 0.441421356237, 0.5);
    }

    @Test
    void inverseScalingIsLr0OverTToThePowerT() {
        // scikit-learn invscaling: lr0 / t^power_t, t = 1, 2, 3, 4 (hand-computed: 0.5/√2, 0.5/√3, 0.5/2)
        assertSequence(o -> new InverseScaling(o), null, 0.5, 0.5 / Math.sqrt(2), 0.5 / Math.sqrt(3), 0.25);
        assertSequence(o -> new InverseScaling(o, 1.0), null, 0.5, 0.25, 0.5 / 3);
    }

    @Test
    void reduceOnPlateauMinWithCooldownAndMinLr() {
        // torch: ReduceLROnPlateau(patience=2, cooldown=1, factor=0.5, min_lr=0.1)
        double[] m = {1.0, 0.9, 0.95, 0.95, 0.95, 0.89999, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};
        assertSequence(o -> new ReduceLROnPlateau(o).patience(2).cooldown(1).factor(0.5).minLr(0.1), m,
                0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.125);
    }

    @Test
    void reduceOnPlateauMaxWithAbsoluteThreshold() {
        // torch: ReduceLROnPlateau(mode='max', threshold=0.05, threshold_mode='abs', patience=1)
        double[] m = {0.5, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7};
        assertSequence(o -> new ReduceLROnPlateau(o).mode(ReduceLROnPlateau.Mode.MAX)
                        .thresholdMode(ReduceLROnPlateau.ThresholdMode.ABS).threshold(0.05).patience(1), m,
                0.5, 0.5, 0.5, 0.5, 0.05, 0.05, 0.05, 0.005, 0.005);
    }

    @Test
    void plateauNeedsAMetric() {
        ReduceLROnPlateau s = new ReduceLROnPlateau(sgd());
        assertThatThrownBy(s::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("step(metric)");
        assertThatThrownBy(() -> s.step(Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void schedulerStateRoundTrips() {
        SGD a = sgd();
        ReduceLROnPlateau sa = new ReduceLROnPlateau(a).patience(1);
        for (double m : new double[] {1, 0.5, 0.6}) sa.step(m);
        SGD b = sgd();
        ReduceLROnPlateau sb = new ReduceLROnPlateau(b).patience(1);
        sb.loadStateDict(sa.stateDict());
        assertThat(sb.lastEpoch()).isEqualTo(3);
        assertThat(sb.best()).isEqualTo(0.5);
        assertThat(sb.numBadEpochs()).isEqualTo(1);
        sa.step(0.7);
        sb.step(0.7);
        assertThat(a.learningRate()).isEqualTo(0.05f).isEqualTo(b.learningRate());

        SGD c = sgd(), d = sgd();
        StepLR sc = new StepLR(c, 2);
        sc.step();
        StepLR sd = new StepLR(d, 2);
        sd.loadStateDict(sc.stateDict());
        sc.step();
        sd.step();
        assertThat(d.learningRate()).isEqualTo(c.learningRate()).isCloseTo(0.05, within(1e-8));
        assertThatThrownBy(() -> sd.loadStateDict(sa.stateDict())).hasMessageContaining("unexpected key 'best'");
    }

    @Test
    void badSchedulerArgumentsAreRejected() {
        assertThatThrownBy(() -> new StepLR(sgd(), 0)).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> new ExponentialLR(sgd(), -0.1)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new CosineAnnealingLR(sgd(), 0)).hasMessageContaining("tMax");
        assertThatThrownBy(() -> new ReduceLROnPlateau(sgd()).factor(1.0)).hasMessageContaining("factor");
        assertThatThrownBy(() -> new ReduceLROnPlateau(sgd()).patience(-1)).hasMessageContaining("patience");
        assertThatThrownBy(() -> new InverseScaling(sgd(), Double.NaN)).hasMessageContaining("powerT");
    }
}
