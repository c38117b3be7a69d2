package dev.myelin.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.GradCheck;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks of the convolution layers over their options, for the input and every parameter. */
class ConvGradientTest {
    private final Generator gen = new Generator(14);

    private static void checkModule(Module m, Tensor x) {
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(m.parameters());
        check(t -> m.forward(t[0]), inputs.toArray(Tensor[]::new));
    }

    private static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(f, 1e-3, 2e-2, 2e-3, inputs);
    }

    private static void check(Function<Tensor[], Tensor> f, double eps, double rtol, double atol, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, eps, rtol, atol, inputs);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void conv2dOverItsOptions() {
        checkModule(new Conv2d(2, 3, 3, gen), Tensor.randn(gen, 2, 2, 5, 4));
        checkModule(new Conv2d(2, 3, 3, 2, 1, gen), Tensor.randn(gen, 2, 2, 6, 5));
        checkModule(
                Conv2d.builder(2, 2, 2)
                        .kernelSize(2, 3)
                        .stride(1, 2)
                        .padding(1, 0)
                        .dilation(2, 1)
                        .build(gen),
                Tensor.randn(gen, 1, 2, 5, 6));
        checkModule(Conv2d.builder(4, 6, 3).padding(1).groups(2).build(gen), Tensor.randn(gen, 2, 4, 4, 4));
        checkModule(Conv2d.builder(3, 6, 3).groups(3).stride(2).build(gen), Tensor.randn(gen, 2, 3, 5, 5)); // depthwise
        checkModule(Conv2d.builder(3, 2, 2).bias(false).build(gen), Tensor.randn(gen, 1, 3, 3, 4));
        checkModule(new Conv2d(3, 2, 1, gen), Tensor.randn(gen, 2, 3, 3, 2)); // pointwise: no im2col
        checkModule(Conv2d.builder(2, 2, 4).padding("same").dilation(1, 2).build(gen), Tensor.randn(gen, 2, 2, 5, 6));
        checkModule(Conv2d.builder(2, 2, 3).padding("valid").build(gen), Tensor.randn(gen, 1, 2, 4, 4));
        checkModule(new Conv2d(2, 3, 3, 1, 1, gen), Tensor.randn(gen, 2, 4, 3)); // unbatched
    }

    @Test
    void conv2dPaddingModes() {
        for (PaddingMode mode : PaddingMode.values()) {
            checkModule(
                    Conv2d.builder(2, 2, 3).padding(1, 2).paddingMode(mode).build(gen), Tensor.randn(gen, 2, 2, 4, 5));
            checkModule(
                    Conv2d.builder(2, 2, 2).padding("same").paddingMode(mode).build(gen),
                    Tensor.randn(gen, 1, 2, 3, 4));
        }
    }

    @Test
    void conv1dOverItsOptions() {
        checkModule(new Conv1d(3, 4, 3, 2, 1, gen), Tensor.randn(gen, 2, 3, 9));
        checkModule(
                new Conv1d(4, 4, 3, 1, ConvPadding.SAME, 2, 4, false, PaddingMode.ZEROS, gen),
                Tensor.randn(gen, 2, 4, 7));
        checkModule(
                new Conv1d(2, 3, 3, 1, ConvPadding.of(2), 1, 1, true, PaddingMode.REFLECT, gen),
                Tensor.randn(gen, 2, 2, 5));
        checkModule(
                new Conv1d(2, 3, 2, 1, ConvPadding.of(1), 1, 1, true, PaddingMode.REPLICATE, gen),
                Tensor.randn(gen, 2, 4));
    }

    @Test
    void convTranspose2dOverItsOptions() {
        checkModule(new ConvTranspose2d(3, 2, 3, gen), Tensor.randn(gen, 2, 3, 3, 4));
        checkModule(new ConvTranspose2d(2, 3, 3, 2, 1, 1, gen), Tensor.randn(gen, 2, 2, 3, 3));
        checkModule(
                new ConvTranspose2d(
                        4,
                        6,
                        new int[] {3, 2},
                        new int[] {2, 3},
                        new int[] {1, 0},
                        new int[] {0, 2},
                        2,
                        false,
                        new int[] {2, 1},
                        gen),
                Tensor.randn(gen, 2, 4, 3, 2));
        checkModule(new ConvTranspose2d(2, 2, 1, gen), Tensor.randn(gen, 1, 2, 3, 3)); // pointwise
        checkModule(new ConvTranspose2d(2, 3, 3, 1, 1, 0, gen), Tensor.randn(gen, 2, 3, 3)); // unbatched
    }

    @Test
    void secondDerivativesOfConvolutions() {
        // d/d(x, w) of a penalty on the gradients: exercises the grad-mode backward (built from convolutions)
        for (Module m : List.of(
                Conv2d.builder(4, 2, 3)
                        .stride(2)
                        .padding(1)
                        .dilation(1, 2)
                        .groups(2)
                        .build(gen),
                new ConvTranspose2d(
                        2,
                        4,
                        new int[] {3, 3},
                        new int[] {2, 1},
                        new int[] {1, 0},
                        new int[] {1, 0},
                        2,
                        true,
                        new int[] {1, 2},
                        gen))) {
            Tensor x = Tensor.randn(gen, 2, m instanceof ConvTranspose2d ? 2 : 4, 5, 4);
            Tensor w = ((ConvNd) m).weight();
            check(
                    t -> { // GradCheck's finite differences run under NoGrad; the first derivative needs grad mode
                        try (var on = dev.myelin.autograd.NoGrad.enable()) {
                            Tensor y = m.forward(t[0]);
                            List<Tensor> g = dev.myelin.autograd.Autograd.grad(
                                    List.of(y.pow(2f).sum()), List.of(t[0], t[1]), null, true);
                            return g.get(0).pow(2f).sum().add(g.get(1).pow(2f).sum());
                        }
                    },
                    1e-2,
                    2e-2,
                    2e-3,
                    x,
                    w); // a quadratic in x: a wider step loses no accuracy and less to float rounding
        }
    }

    @Test
    void padMatchesItsDefinition() {
        Tensor x = Tensor.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        assertThat(ConvF.pad(x, new int[] {2, 1}, PaddingMode.REFLECT).toArray())
                .containsExactly(3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5);
        assertThat(ConvF.pad(x, new int[] {1, 2}, PaddingMode.REPLICATE).toArray())
                .containsExactly(1, 1, 2, 3, 3, 3, 4, 4, 5, 6, 6, 6);
        assertThat(ConvF.pad(x, new int[] {1, 1}, PaddingMode.CIRCULAR).toArray())
                .containsExactly(3, 1, 2, 3, 1, 6, 4, 5, 6, 4);
        assertThat(ConvF.pad(x, new int[] {0, 1, 1, 0}, PaddingMode.ZEROS).toArray())
                .containsExactly(0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0);
        checkModule(new dev.myelin.nn.Identity(), x); // sanity of the helper
        for (PaddingMode mode : PaddingMode.values())
            check(t -> ConvF.pad(t[0], new int[] {1, 2, 2, 1}, mode), Tensor.randn(gen, 2, 3, 4));
    }
}
