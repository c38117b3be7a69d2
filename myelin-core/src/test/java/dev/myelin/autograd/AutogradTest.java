package dev.myelin.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Tape semantics: accumulation, scopes, detach, broadcasting gradients, hand-computed chain rule. */
class AutogradTest {
    @Test
    void chainRuleMatchesHandComputation() {
        // micrograd's example shape: y = (a*b + c).tanh(); dy/da = (1 - y²)·b
        Tensor a = Tensor.scalar(2).requiresGrad(true),
                b = Tensor.scalar(-3).requiresGrad(true),
                c = Tensor.scalar(10).requiresGrad(true);
        Tensor y = a.mul(b).add(c).tanh();
        y.backward();
        double yv = Math.tanh(4);
        assertThat(a.grad().item()).isCloseTo((float) ((1 - yv * yv) * -3), within(1e-6f));
        assertThat(b.grad().item()).isCloseTo((float) ((1 - yv * yv) * 2), within(1e-6f));
        assertThat(c.grad().item()).isCloseTo((float) (1 - yv * yv), within(1e-6f));
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor w = Tensor.fromArray(new float[] {1, 2}).requiresGrad(true);
        w.mul(3f).sum().backward();
        w.mul(3f).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(6, 6);
        w.zeroGrad();
        assertThat(w.grad()).isNull();
    }

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothPaths() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        x.mul(x).add(x).backward(); // d(x² + x)/dx = 2x + 1
        assertThat(x.grad().item()).isEqualTo(7);
    }

    @Test
    void broadcastGradientsAreSummedOverStretchedDims() {
        Tensor m = Tensor.ones(2, 3).requiresGrad(true),
                bias = Tensor.fromArray(new float[] {1, 2, 3}).requiresGrad(true);
        m.add(bias).mul(Tensor.arange(6).reshape(2, 3)).sum().backward();
        assertThat(bias.grad().toArray()).containsExactly(3, 5, 7);
        assertThat(m.grad().toArray()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void gradientFlowsThroughViews() {
        Tensor x = Tensor.arange(6).requiresGrad(true);
        x.reshape(2, 3).t().narrow(0, 1, 1).sum().backward(); // picks x[1] and x[4]
        assertThat(x.grad().toArray()).containsExactly(0, 1, 0, 0, 1, 0);
    }

    @Test
    void noGradScopeRecordsNothingAndNests() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        try (var outer = NoGrad.enter()) {
            try (var inner = NoGrad.enter()) {
                assertThat(x.mul(2f).requiresGrad()).isFalse();
            }
            assertThat(NoGrad.isGradEnabled()).isFalse();
        }
        assertThat(NoGrad.isGradEnabled()).isTrue();
        assertThat(x.mul(2f).requiresGrad()).isTrue();
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.mul(x.detach()); // treated as x·const
        y.backward();
        assertThat(x.grad().item()).isEqualTo(2);
        assertThat(x.detach().requiresGrad()).isFalse();
    }

    @Test
    void backwardWithAnExplicitGradientIsAVectorJacobianProduct() {
        Tensor x = Tensor.fromArray(new float[] {1, 2, 3}).requiresGrad(true);
        x.square().backward(Tensor.fromArray(new float[] {1, 0, -1}));
        assertThat(x.grad().toArray()).containsExactly(2, 0, -6);
    }

    @Test
    void misuseIsReportedClearly() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        assertThatThrownBy(() -> x.mul(2f).backward())
                .hasMessageContaining("scalar output")
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.ones(1).backward()).hasMessageContaining("does not require grad");
        assertThatThrownBy(() -> x.mul(2f).backward(Tensor.ones(2)))
                .hasMessageContaining("[2]")
                .hasMessageContaining("[3]");
    }

    @Test
    void intermediateGradientsAreFreedUnlessRetained() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor h = x.mul(3f), k = x.mul(4f).retainGrad();
        h.add(k).mul(5f).backward();
        assertThat(h.grad()).isNull();
        assertThat(k.grad().item()).isEqualTo(5);
        assertThat(x.grad().item()).isEqualTo(35);
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Tensor x = Tensor.scalar(1).requiresGrad(true), y = x;
        for (int i = 0; i < 20000; i++) y = y.add(1e-4f);
        y.backward();
        assertThat(x.grad().item()).isEqualTo(1);
    }
}
