package dev.myelin.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.nn.conv.MaxPool2d;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code relu_} ({@code nn.ReLU(inplace=True)}) and the engine letting a backward step reuse the gradient it frees
 * right after: same values and gradients as the out-of-place path, and every case where reuse would be wrong
 * (a retained gradient, one asked for by {@code Autograd.grad}, a graph being built) left alone.
 */
class InPlaceReluAndGradientReuseTest {

    /** x·w (a non-leaf), an activation, then a weighted sum with a second use of w, so gradients meet. */
    private static Tensor chain(Tensor x, Tensor w, Function<Tensor, Tensor> act) {
        Tensor h = act.apply(x.mul(w));
        return h.mul(h).add(h.tanh()).sigmoid().mul(w).sum();
    }

    private static Tensor[] leaves(long seed) {
        Generator gen = new Generator(seed);
        return new Tensor[] {
            Tensor.randn(gen, 4, 5).requiresGrad(true), Tensor.randn(gen, 4, 5).requiresGrad(true)
        };
    }

    @Test
    void inPlaceReluGivesTheValuesAndGradientsOfRelu() {
        Tensor[] a = leaves(1), b = leaves(1);
        Tensor outA = chain(a[0], a[1], Tensor::relu), outB = chain(b[0], b[1], Tensor::relu_);
        outA.backward();
        outB.backward();
        assertThat(outB.item()).isEqualTo(outA.item());
        assertThat(b[0].grad().data()).containsExactly(a[0].grad().data());
        assertThat(b[1].grad().data()).containsExactly(a[1].grad().data());
    }

    @Test
    void inPlaceReluPassesTheFiniteDifferenceCheck() {
        Generator gen = new Generator(7);
        Tensor x = Tensor.randn(gen, 3, 7), w = Tensor.randn(gen, 3, 7);
        GradCheck.Result r = GradCheck.check(in -> in[0].mul(in[1]).relu_().mul(in[1]), x, w);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void reusedGradientsDoNotTouchARetainedOrRequestedGradient() {
        Tensor[] a = leaves(3);
        Tensor pre = a[0].mul(a[1]).retainGrad();
        Tensor h = pre.relu_().retainGrad();
        Tensor out = h.mul(h).tanh().sigmoid().sum();
        out.backward();
        // the retained gradients are the exact ones of the out-of-place path
        Tensor[] b = leaves(3);
        Tensor preB = b[0].mul(b[1]).retainGrad();
        Tensor hB = preB.relu().retainGrad();
        hB.mul(hB).tanh().sigmoid().sum().backward();
        assertThat(h.grad().data()).containsExactly(hB.grad().data());
        assertThat(pre.grad().data()).containsExactly(preB.grad().data());

        // Autograd.grad keeps the gradients of its inputs, intermediate ones included
        Tensor[] c = leaves(3);
        Tensor preC = c[0].mul(c[1]);
        Tensor hC = preC.relu_();
        Tensor t = hC.mul(hC).tanh();
        List<Tensor> g = Autograd.grad(List.of(t.sigmoid().sum()), List.of(t, hC), null, false);
        assertThat(g.get(1).data()).containsExactly(hB.grad().data());
    }

    @Test
    void inPlaceReluUnderNoGradWritesTheTensorItself() {
        Tensor x = new Tensor(new float[] {-1f, 2f, -3f, 4f}, 4);
        Tensor r = x.relu_();
        assertThat(r).isSameAs(x);
        assertThat(x.data()).containsExactly(0f, 2f, 0f, 4f);
        assertThat(x.version()).isEqualTo(1);
    }

    @Test
    void inPlaceReluRefusesALeafThatRequiresGrad() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        assertThatThrownBy(x::relu_).isInstanceOf(IllegalStateException.class).hasMessageContaining("leaf");
    }

    @Test
    void theOverwrittenInputCannotBeUsedAgain() {
        Tensor[] a = leaves(5);
        Tensor pre = a[0].mul(a[1]);
        Tensor h = pre.relu_();
        assertThatThrownBy(() -> pre.add(h))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overwritten by relu_")
                .hasMessageContaining("[4, 5]");
    }

    @Test
    void anOpThatSavedTheInputFailsAtBackward() {
        Tensor[] a = leaves(6);
        Tensor pre = a[0].mul(a[1]);
        Tensor saved = pre.mul(pre); // saves pre
        Tensor h = pre.relu_();
        Tensor out = saved.add(h).sum();
        assertThatThrownBy(out::backward).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConvolutionalStackWithInPlaceRelusTrainsTheSameAsWithout() {
        float[][] grads = new float[2][];
        for (int v = 0; v < 2; v++) {
            Generator gen = new Generator(11);
            boolean inplace = v == 1;
            Module net = new Sequential(
                    new Conv2d(2, 8, 3, 1, 1, gen),
                    new ReLU(inplace),
                    new MaxPool2d(2),
                    new Conv2d(8, 4, 3, 1, 1, gen),
                    new ReLU(inplace));
            Tensor x = Tensor.randn(new Generator(12), 3, 2, 8, 8);
            for (int step = 0; step < 3; step++) { // several steps, so arrays given back are taken again
                for (var p : net.parameters()) p.zeroGrad();
                net.forward(x).square().sum().backward();
            }
            grads[v] = net.parameters().get(0).grad().data().clone();
        }
        assertThat(grads[1]).containsExactly(grads[0]);
    }

    @Test
    void reluSpecWritesInplaceOnlyWhenSet() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(Architecture.toJson(new ReLU()))).isEqualTo(json.readTree("{\"type\":\"ReLU\"}"));
        assertThat(json.readTree(Architecture.toJson(new ReLU(true))))
                .isEqualTo(json.readTree("{\"type\":\"ReLU\",\"inplace\":true}"));
        Module back = Architecture.fromJson("{\"type\":\"ReLU\",\"inplace\":true}", new Generator(1));
        assertThat(((ReLU) back).inplace()).isTrue();
        assertThat(back.toString()).contains("inplace=True");
    }

    @Test
    void reusableGradientIsOnlyTheOneThisStepFreesAndOnlyOnce() {
        assertThat(Engine.reusableGradient(Tensor.ones(2))).isNull(); // no backward running
        Tensor x = Tensor.ones(3).requiresGrad(true);
        float[][] seen = new float[2][];
        Tensor y = Engine.recordShapeOnly(
                x.mul(2f).detach(),
                "Probe",
                g -> {
                    seen[0] = Engine.reusableGradient(g);
                    seen[1] = Engine.reusableGradient(g);
                    x.accumulateGrad(g);
                },
                x);
        Tensor z = y.mul(y).sum();
        z.backward();
        assertThat(seen[0]).isNotNull();
        assertThat(seen[1]).isNull();
    }

    @Test
    void sequentialRunsAReluBeforeAMaxPoolAfterItWithTheSameValuesAndGradients() {
        for (boolean inplace : new boolean[] {false, true}) {
            Generator gen = new Generator(21);
            Conv2d conv = new Conv2d(2, 3, 3, 1, 1, gen);
            Module net = new Sequential(
                    conv, new ReLU(inplace), new MaxPool2d(2), new dev.myelin.nn.conv.AdaptiveMaxPool2d(new int[] {2, 2
                    }));
            Tensor x = Tensor.randn(new Generator(22), 2, 2, 8, 8);
            x.data()[5] = Float.NaN; // a NaN wins its window in both orders
            x.requiresGrad(true);
            Tensor y = net.forward(x);
            y.sum().backward();
            // the same layers applied one by one, in the written order
            Tensor x2 = new Tensor(x.toArray(), x.shape()).requiresGrad(true);
            Tensor h = dev.myelin.nn.conv.PoolF.maxPool2d(
                    conv.forward(x2).relu(),
                    new int[] {2, 2},
                    new int[] {2, 2},
                    new int[] {0, 0},
                    new int[] {1, 1},
                    false);
            Tensor y2 = dev.myelin.nn.conv.PoolF.adaptiveMaxPool2d(h, new int[] {2, 2});
            float[] convGrad = conv.weight().grad().data().clone();
            conv.weight().zeroGrad();
            conv.bias().zeroGrad();
            y2.sum().backward();
            assertThat(y.data()).containsExactly(y2.data());
            assertThat(x.grad().data()).containsExactly(x2.grad().data());
            assertThat(convGrad).containsExactly(conv.weight().grad().data());
        }
    }
}
