package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

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
            if (metrics == null) s.step();
            else s.step(metrics[i - 1]);
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
        assertSequence(
                o -> new ExponentialLR(o, 0.9),
                null,
                0.5,
                0.45,
                0.405,
                0.3645,
                0.32805,
                0.295245,
                0.2657205,
                0.23914845,
                0.215233605);
    }

    @Test
    void cosineAnnealingLRIncludingPastTMax() {
        assertSequence(
                o -> new CosineAnnealingLR(o, 4, 0.1),
                null,
                0.5,
                0.441421356237,
                0.3,
                0.158578643763,
                0.1,
                0.158578643763,
                0.3,
                0.441421356237,
                0.5);
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
        assertSequence(
                o -> new ReduceLROnPlateau(o)
                        .patience(2)
                        .cooldown(1)
                        .factor(0.5)
                        .minLr(0.1),
                m,
                0.5,
                0.5,
                0.5,
                0.5,
                0.5,
                0.25,
                0.25,
                0.25,
                0.25,
                0.125,
                0.125,
                0.125,
                0.125);
    }

    @Test
    void reduceOnPlateauMaxWithAbsoluteThreshold() {
        // torch: ReduceLROnPlateau(mode='max', threshold=0.05, threshold_mode='abs', patience=1)
        double[] m = {0.5, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7};
        assertSequence(
                o -> new ReduceLROnPlateau(o)
                        .mode(ReduceLROnPlateau.Mode.MAX)
                        .thresholdMode(ReduceLROnPlateau.ThresholdMode.ABS)
                        .threshold(0.05)
                        .patience(1),
                m,
                0.5,
                0.5,
                0.5,
                0.5,
                0.05,
                0.05,
                0.05,
                0.005,
                0.005);
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

    static Optimizer twoGroups() {
        return new SGD(
                        List.of(
                                ParamGroup.of(List.of(Tensor.zeros(1).requiresGrad(true))),
                                ParamGroup.of(List.of(Tensor.zeros(2).requiresGrad(true)))
                                        .lr(0.02)),
                        0.1)
                .momentum(0.9);
    }

    /** Steps {@code k} times, saves optimizer and scheduler, reloads both into fresh ones, and checks both continue alike. */
    static void assertResumesIdentically(Function<Optimizer, LRScheduler> make, int k, int more) {
        Optimizer a = twoGroups();
        LRScheduler sa = make.apply(a);
        for (int i = 0; i < k; i++) sa.step();
        Optimizer b = twoGroups();
        LRScheduler sb = make.apply(b);
        b.loadStateDict(a.stateDict());
        sb.loadStateDict(sa.stateDict());
        assertThat(sb.lastEpoch()).isEqualTo(sa.lastEpoch());
        assertThat(sb.getLastLr()).containsExactly(sa.getLastLr());
        for (int i = 0; i < more; i++) {
            sa.step();
            sb.step();
            assertThat(sb.getLastLr()).as("%s, step %d after reload", sa, i + 1).containsExactly(sa.getLastLr());
            assertThat(b.paramGroups().get(0).get("momentum"))
                    .isEqualTo(a.paramGroups().get(0).get("momentum"));
        }
    }

    @Test
    void schedulersResumeFromTheirStateDicts() {
        assertResumesIdentically(o -> new CosineAnnealingLR(o, 5, 0.001), 3, 8);
        assertResumesIdentically(o -> new CosineAnnealingWarmRestarts(o, 2, 2, 0), 4, 10);
        assertResumesIdentically(o -> new LinearLR(o), 2, 5);
        assertResumesIdentically(o -> new MultiStepLR(o, new int[] {3, 6}), 4, 5);
        assertResumesIdentically(
                o -> OneCycleLR.builder(o, 0.5, 0.2).totalSteps(20).build(), 7, 12);
        assertResumesIdentically(
                o -> new SequentialLR(
                        o, List.of(new LinearLR(o, 0.2, 1, 4), new CosineAnnealingWarmRestarts(o, 3)), new int[] {4}),
                6,
                10);
    }

    @Test
    void sequentialStateHoldsEachSchedulersState() {
        Optimizer o = twoGroups();
        SequentialLR s = new SequentialLR(o, List.of(new LinearLR(o), new ExponentialLR(o, 0.9)), new int[] {3});
        assertThat(s.stateDict())
                .containsKeys(
                        "last_epoch", "base_lrs", "last_lr", "schedulers.0.last_epoch", "schedulers.1.last_epoch");
        assertThat(s.stateDict().get("base_lrs").toArray()).containsExactly(0.1f, 0.02f);
        var bad = new java.util.LinkedHashMap<>(s.stateDict());
        bad.put("schedulers.2.last_epoch", Tensor.scalar(1));
        assertThatThrownBy(() -> s.loadStateDict(bad)).hasMessageContaining("schedulers.2.last_epoch");
        var wrongGroups = new java.util.LinkedHashMap<>(s.stateDict());
        wrongGroups.put("schedulers.1.base_lrs", Tensor.fromArray(new float[] {0.1f}));
        s.step();
        var before = s.stateDict();
        assertThatThrownBy(() -> s.loadStateDict(wrongGroups))
                .hasMessageContaining("base_lrs")
                .hasMessageContaining("2 parameter group");
        assertThat(s.stateDict().get("last_epoch").item())
                .isEqualTo(before.get("last_epoch").item()); // restored
    }

    @Test
    void badArgumentsOfTheNewSchedulersAreRejected() {
        assertThatThrownBy(() -> new LinearLR(sgd(), 0, 1, 5)).hasMessageContaining("startFactor");
        assertThatThrownBy(() -> new LinearLR(sgd(), 0.5, 1.5, 5)).hasMessageContaining("endFactor");
        assertThatThrownBy(() -> new LinearLR(sgd(), 0.5, 1, 0)).hasMessageContaining("totalIters");
        assertThatThrownBy(() -> new MultiStepLR(sgd(), new int[] {2, -1})).hasMessageContaining("milestones[1]");
        assertThatThrownBy(() -> new LambdaLR(twoGroups(), List.of(e -> 1.0)))
                .hasMessageContaining("expected 2 lrLambdas");
        assertThatThrownBy(() -> new LambdaLR(sgd(), e -> -1.0))
                .hasMessageContaining("lrLambda(0)")
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new CosineAnnealingWarmRestarts(sgd(), 0)).hasMessageContaining("t0");
        assertThatThrownBy(() -> new CosineAnnealingWarmRestarts(sgd(), 2, 0, 0))
                .hasMessageContaining("tMult");
        assertThatThrownBy(() -> OneCycleLR.builder(sgd(), 0.1).build()).hasMessageContaining("totalSteps");
        assertThatThrownBy(() -> OneCycleLR.builder(sgd(), 0.1).pctStart(1.5)).hasMessageContaining("pctStart");
        assertThatThrownBy(() -> OneCycleLR.builder(twoGroups(), 0.1, 0.2, 0.3)
                        .totalSteps(5)
                        .build())
                .hasMessageContaining("maxLr");
        Adagrad ada = new Adagrad(List.of(Tensor.zeros(1).requiresGrad(true)));
        assertThatThrownBy(() -> new OneCycleLR(ada, 0.1, 10))
                .hasMessageContaining("momentum")
                .hasMessageContaining("cycleMomentum(false)");
        OneCycleLR noMomentum =
                OneCycleLR.builder(ada, 0.1).totalSteps(2).cycleMomentum(false).build();
        noMomentum.step();
        noMomentum.step(); // step == totalSteps is allowed, as in PyTorch
        assertThatThrownBy(noMomentum::step).hasMessageContaining("tried to step 4 times; totalSteps is 2");
        Optimizer o = sgd(), other = sgd();
        assertThatThrownBy(() -> new SequentialLR(o, List.of(new LinearLR(o), new StepLR(other, 2)), new int[] {2}))
                .hasMessageContaining("schedulers[1] belongs to another optimizer");
        assertThatThrownBy(() -> new SequentialLR(o, List.of(new LinearLR(o), new StepLR(o, 2)), new int[] {2, 3}))
                .hasMessageContaining("expected 1 milestones");
        assertThatThrownBy(() -> new SequentialLR(o, List.of(new LinearLR(o), new ReduceLROnPlateau(o)), new int[] {2}))
                .hasMessageContaining("ReduceLROnPlateau");
        assertThatThrownBy(() -> new ReduceLROnPlateau(twoGroups()).minLr(0.1, 0.2, 0.3))
                .hasMessageContaining("minLr");
    }

    @Test
    void aGroupAddedAfterTheSchedulerIsReported() {
        SGD o = sgd();
        StepLR s = new StepLR(o, 2);
        o.addParamGroup(ParamGroup.of(List.of(Tensor.zeros(1).requiresGrad(true))));
        assertThatThrownBy(s::step).hasMessageContaining("2 parameter groups").hasMessageContaining("built for 1");
    }

    @Test
    void theFirstSchedulerFixesInitialLrForTheNext() {
        SGD o = sgd();
        new LinearLR(o, 0.5, 1, 2); // lr 0.25 now
        ExponentialLR exp = new ExponentialLR(o, 0.5);
        assertThat(exp.baseLrs()).containsExactly(0.5);
        assertThat(o.learningRate()).isEqualTo(0.25);
    }
}
