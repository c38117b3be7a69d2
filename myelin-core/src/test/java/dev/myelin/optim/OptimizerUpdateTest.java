package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * First three steps of every optimizer on p = [1, -2, 3] with the gradients G below, against values from
 * torch 1.13 (torch.optim.*, same hyperparameters; script: set p.grad = G[k], opt.step(), print p).
 */
class OptimizerUpdateTest {
    static final float[][] G = {{0.5f, -1f, 2f}, {-0.3f, 0.8f, 1.5f}, {0.1f, 0.2f, -0.4f}};

    static void assertSteps(Function<List<Tensor>, Optimizer> make, float[][] expected) {
        Tensor p = Tensor.fromArray(new float[] {1, -2, 3}).requiresGrad(true);
        Optimizer opt = make.apply(List.of(p));
        for (int k = 0; k < expected.length; k++) {
            p.setGrad(Tensor.fromArray(G[k]));
            opt.step();
            for (int i = 0; i < 3; i++)
                assertThat(p.data()[i])
                        .as("%s step %d element %d", opt, k + 1, i)
                        .isCloseTo(expected[k][i], within(2e-6f));
        }
    }

    @Test
    void gradientDescentIsWMinusEtaGrad() {
        // hand-computed: 1 - 0.1·0.5 = 0.95, then 0.95 + 0.03 = 0.98, ...
        assertSteps(
                ps -> new GradientDescent(ps, 0.1),
                new float[][] {{0.95f, -1.9f, 2.8f}, {0.98f, -1.98f, 2.65f}, {0.97f, -2f, 2.69f}});
    }

    @Test
    void sgdPlainMatchesTorch() {
        assertSteps(ps -> new SGD(ps, 0.1), new float[][] {
            {0.949999988f, -1.89999998f, 2.79999995f},
            {0.980000019f, -1.98000002f, 2.64999986f},
            {0.970000029f, -2f, 2.68999982f}
        });
    }

    @Test
    void sgdMomentumDampeningWeightDecayMatchesTorch() {
        // torch.optim.SGD(lr=0.1, momentum=0.9, dampening=0.5, weight_decay=0.01)
        assertSteps(ps -> new SGD(ps, 0.1).momentum(0.9).dampening(0.5).weightDecay(0.01), new float[][] {
            {0.949000001f, -1.898f, 2.79699993f},
            {0.917625487f, -1.84525096f, 2.5379014f},
            {0.88392961f, -1.80685425f, 2.32344389f}
        });
    }

    @Test
    void sgdNesterovMatchesTorch() {
        // torch.optim.SGD(lr=0.1, momentum=0.9, nesterov=True)
        assertSteps(ps -> new SGD(ps, 0.1).momentum(0.9).nesterov(true), new float[][] {
            {0.904999971f, -1.80999994f, 2.61999989f},
            {0.921499968f, -1.88099992f, 2.17299986f},
            {0.890349984f, -1.91089988f, 1.98169994f}
        });
    }

    @Test
    void adamMatchesTorch() {
        assertSteps(ps -> new Adam(ps, 0.1), new float[][] {
            {0.900000036f, -1.89999998f, 2.9000001f},
            {0.880850255f, -1.89418745f, 2.80174255f},
            {0.85545373f, -1.89961314f, 2.73684549f}
        });
    }

    @Test
    void adamL2WeightDecayAndAmsgradMatchTorch() {
        // torch.optim.Adam(lr=0.1, betas=(0.8, 0.9), weight_decay=0.1, amsgrad=True)
        assertSteps(ps -> new Adam(ps, 0.1).betas(0.8, 0.9).weightDecay(0.1).amsgrad(true), new float[][] {
            {0.899999976f, -1.89999998f, 2.9000001f},
            {0.86592108f, -1.8792479f, 2.80150485f},
            {0.821152091f, -1.86525214f, 2.73494816f}
        });
    }

    @Test
    void adamWDefaultDecoupledDecayMatchesTorch() {
        // torch.optim.AdamW(lr=0.1): weight_decay defaults to 1e-2
        assertSteps(ps -> new AdamW(ps, 0.1), new float[][] {
            {0.899000049f, -1.898f, 2.89700007f},
            {0.878951252f, -1.89028955f, 2.79584551f},
            {0.852675796f, -1.89382493f, 2.72815275f}
        });
    }

    @Test
    void adamWStrongDecayWithAmsgradMatchesTorch() {
        // torch.optim.AdamW(lr=0.1, weight_decay=0.5, amsgrad=True); step 1 by hand: 1·(1 − 0.05) − 0.1 = 0.85
        assertSteps(ps -> new AdamW(ps, 0.1).weightDecay(0.5).amsgrad(true), new float[][] {
            {0.850000024f, -1.79999995f, 2.75f},
            {0.788350224f, -1.70418739f, 2.51424241f},
            {0.723536193f, -1.62440372f, 2.32363319f}
        });
    }

    @Test
    void rmspropMatchesTorch() {
        // torch.optim.RMSprop(lr=0.01)
        assertSteps(ps -> new RMSprop(ps, 0.01), new float[][] {
            {0.900000036f, -1.89999998f, 2.9000001f},
            {0.951639831f, -1.96266079f, 2.83980727f},
            {0.934593081f, -1.97821331f, 2.85573363f}
        });
    }

    @Test
    void rmspropCenteredWithMomentumAndWeightDecayMatchesTorch() {
        // torch.optim.RMSprop(lr=0.01, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.1)
        assertSteps(
                ps -> new RMSprop(ps, 0.01)
                        .alpha(0.9)
                        .momentum(0.5)
                        .centered(true)
                        .weightDecay(0.1),
                new float[][] {
                    {0.966666698f, -1.9666667f, 2.9666667f},
                    {0.960806906f, -1.96491063f, 2.92770457f},
                    {0.947279632f, -1.96412396f, 2.9096005f}
                });
    }

    @Test
    void adagradMatchesTorch() {
        assertSteps(ps -> new Adagrad(ps, 0.1), new float[][] {
            {0.899999976f, -1.89999998f, 2.9000001f},
            {0.951449573f, -1.96246946f, 2.84000015f},
            {0.934546471f, -1.97789979f, 2.8557992f}
        });
    }

    @Test
    void adagradLrDecayInitialAccumulatorAndWeightDecayMatchTorch() {
        // torch.optim.Adagrad(lr=0.1, lr_decay=0.5, initial_accumulator_value=0.2, weight_decay=0.1)
        assertSteps(
                ps -> new Adagrad(ps, 0.1)
                        .lrDecay(0.5)
                        .initialAccumulatorValue(0.2)
                        .weightDecay(0.1),
                new float[][] {
                    {0.91982162f, -1.90629578f, 2.9018383f},
                    {0.937676311f, -1.9349407f, 2.86136413f},
                    {0.925573587f, -1.93517005f, 2.86329341f}
                });
    }

    @Test
    void defaultsFollowPyTorch() {
        Tensor p = Tensor.zeros(1).requiresGrad(true);
        Adam adam = new Adam(List.of(p));
        assertThat(adam.learningRate()).isEqualTo(1e-3, within(1e-10));
        assertThat(adam.beta1()).isEqualTo(0.9, within(1e-7));
        assertThat(adam.beta2()).isEqualTo(0.999, within(1e-7));
        assertThat(adam.eps()).isEqualTo(1e-8, within(1e-14));
        assertThat(adam.weightDecay()).isZero();
        assertThat(new AdamW(List.of(p)).weightDecay()).isEqualTo(1e-2, within(1e-9));
        RMSprop rms = new RMSprop(List.of(p));
        assertThat(rms.learningRate()).isEqualTo(1e-2, within(1e-9));
        assertThat(rms.alpha()).isEqualTo(0.99, within(1e-7));
        Adagrad ada = new Adagrad(List.of(p));
        assertThat(ada.learningRate()).isEqualTo(1e-2, within(1e-9));
        assertThat(ada.eps()).isEqualTo(1e-10, within(1e-16));
    }

    @Test
    void parametersWithoutGradientAreSkippedAndGetNoState() {
        Tensor a = Tensor.fromArray(new float[] {1, 2}).requiresGrad(true);
        Tensor b = Tensor.fromArray(new float[] {3, 4}).requiresGrad(true);
        Adam opt = new Adam(List.of(a, b), 0.1);
        a.setGrad(Tensor.fromArray(new float[] {1, 1}));
        opt.step();
        assertThat(b.data()).containsExactly(3, 4);
        assertThat(opt.state(1)).isNull();
        assertThat(opt.state(0).step()).isEqualTo(1);
        assertThat(opt.stateDict())
                .containsKeys("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq")
                .doesNotContainKey("state.1.step");
        assertThat(a.data()[0]).isCloseTo(0.9f, within(1e-6f));
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Tensor a = Tensor.ones(2).requiresGrad(true), b = Tensor.ones(3).requiresGrad(true);
        a.mul(2f).sum().add(b.sum()).backward();
        SGD opt = new SGD(List.of(a, b), 0.1);
        opt.zeroGrad();
        assertThat(a.grad()).isNull();
        assertThat(b.grad()).isNull();
    }

    @Test
    void trainsALinearFitThroughAutograd() {
        // minimize mean((w·x − y)²) for y = 3x; Adam should get w close to 3
        Tensor w = Tensor.scalar(0).requiresGrad(true);
        Tensor x = Tensor.fromArray(new float[] {1, 2, 3, 4}), y = x.mul(3f);
        Adam opt = new Adam(List.of(w), 0.1);
        for (int i = 0; i < 300; i++) {
            opt.zeroGrad();
            w.mul(x).sub(y).square().mean().backward();
            opt.step();
        }
        assertThat(w.item()).isCloseTo(3f, within(1e-2f));
    }
}
