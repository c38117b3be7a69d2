package dev.myelin.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.Embedding;
import dev.myelin.nn.F;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * IndexTensor itself (factories, conversion from floats, accessors, printing), the index ops taking it
 * (same results and gradients as the float overloads, errors naming op, position and value) and the
 * differentiable (createGraph) backward of gather / indexSelect / scatterAdd with IndexTensor indices.
 */
class IndexTensorTest {

    @Test
    void factoriesAndAccessors() {
        IndexTensor a = IndexTensor.of(new int[] {4, -1, 7, 0, 2, 9}, 2, 3);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.dim()).isEqualTo(2);
        assertThat(a.size(-1)).isEqualTo(3);
        assertThat(a.numel()).isEqualTo(6);
        assertThat(a.get(1, 2)).isEqualTo(9);
        assertThat(a.get(0, 1)).isEqualTo(-1);
        assertThat(a.toArray()).containsExactly(4, -1, 7, 0, 2, 9);
        assertThat(a.reshape(-1, 2).shape()).containsExactly(3, 2);
        assertThat(a.reshape(6).get(5)).isEqualTo(9);
        assertThat(IndexTensor.of(new int[] {3}).shape()).containsExactly(1); // 1-D, as torch.tensor([3])
        assertThat(IndexTensor.scalar(5).shape()).isEmpty();
        assertThat(IndexTensor.scalar(5).item()).isEqualTo(5);
        assertThat(IndexTensor.arange(4).toArray()).containsExactly(0, 1, 2, 3);
        assertThat(IndexTensor.arange(2, 9, 3).toArray()).containsExactly(2, 5, 8);
        assertThat(IndexTensor.arange(5, 0, -2).toArray()).containsExactly(5, 3, 1);
        assertThat(IndexTensor.arange(3, 3, 1).numel()).isZero();
        assertThat(IndexTensor.full(7, 2, 2).toArray()).containsExactly(7, 7, 7, 7);
        assertThat(a.toTensor().toArray()).containsExactly(4, -1, 7, 0, 2, 9);
        assertThat(a.toTensor().shape()).containsExactly(2, 3);
        assertThatThrownBy(() -> IndexTensor.of(new int[] {1, 2, 3}, 2, 2))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> a.get(2, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("dim 0 of size 2");
        assertThatThrownBy(() -> a.reshape(4, -1))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("6");
        assertThatThrownBy(() -> IndexTensor.arange(0, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step");
    }

    @Test
    void isImmutableAndComparesByValue() {
        int[] values = {1, 2, 3};
        IndexTensor a = IndexTensor.of(values);
        values[0] = 99; // of() copied
        a.toArray()[1] = 99; // toArray() is a copy
        assertThat(a.toArray()).containsExactly(1, 2, 3);
        assertThat(a).isEqualTo(IndexTensor.of(new int[] {1, 2, 3})).hasSameHashCodeAs(IndexTensor.of(new int[] {1, 2, 3
        }));
        assertThat(a)
                .isNotEqualTo(IndexTensor.of(new int[] {1, 2, 3}, 1, 3))
                .isNotEqualTo(IndexTensor.of(new int[] {1, 2, 4}));
        // a float index changed in place after the op does not change the op's backward: it was copied into an
        // IndexTensor
        Tensor x = Tensor.fromArray(new float[] {1, 2, 3, 4}).requiresGrad(true);
        Tensor idx = Tensor.fromArray(new float[] {3, 3});
        Tensor y = x.indexSelect(0, idx);
        idx.fill_(0);
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(0, 0, 0, 2);
    }

    @Test
    void printsLikeAPyTorchInt32Tensor() {
        assertThat(IndexTensor.of(new int[] {1, 2}).toString()).isEqualTo("tensor([1, 2], dtype=torch.int32)");
        assertThat(IndexTensor.of(new int[] {1, 10, -3, 4}, 2, 2).toString())
                .isEqualTo("tensor([[ 1, 10],\n        [-3,  4]], dtype=torch.int32)");
        assertThat(IndexTensor.scalar(16777217).toString()).isEqualTo("tensor(16777217, dtype=torch.int32)");
        assertThat(IndexTensor.of(new int[0]).toString()).isEqualTo("tensor([], dtype=torch.int32)");
        assertThat(IndexTensor.full(0, 0, 3).toString()).isEqualTo("tensor([], size=(0, 3), dtype=torch.int32)");
        // torch 1.13's output for torch.arange(2000, dtype=torch.int32) and its reshape(2, 1200)
        assertThat(IndexTensor.arange(2000).toString())
                .isEqualTo("tensor([   0,    1,    2,  ..., 1997, 1998, 1999], dtype=torch.int32)");
        assertThat(IndexTensor.arange(2400).reshape(2, 1200).toString())
                .isEqualTo(
                        "tensor([[   0,    1,    2,  ..., 1197, 1198, 1199],\n        [1200, 1201, 1202,  ..., 2397, 2398, 2399]], dtype=torch.int32)");
    }

    @Test
    void fromTensorChecksWholeNumbersAndTheExactFloatRange() {
        assertThat(IndexTensor.fromTensor(Tensor.fromArray(new float[] {0, 5, -100, 16777215}, 2, 2)))
                .isEqualTo(IndexTensor.of(new int[] {0, 5, -100, 16777215}, 2, 2));
        // a view is read through its strides
        assertThat(IndexTensor.fromTensor(
                        Tensor.fromArray(new float[] {0, 1, 2, 3, 4, 5}, 2, 3).t()))
                .isEqualTo(IndexTensor.of(new int[] {0, 3, 1, 4, 2, 5}, 3, 2));
        assertThatThrownBy(() -> IndexTensor.fromTensor(Tensor.fromArray(new float[] {0, 1, 2.5f, 3}, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2.5")
                .hasMessageContaining("position [1, 0]")
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> IndexTensor.fromTensor(Tensor.fromArray(new float[] {Float.NaN, 1})))
                .hasMessageContaining("NaN")
                .hasMessageContaining("position 0");
        assertThatThrownBy(() -> IndexTensor.fromTensor(Tensor.fromArray(new float[] {1, 16777217})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16777216")
                .hasMessageContaining("position 1")
                .hasMessageContaining("2^24")
                .hasMessageContaining("IndexTensor");
        assertThatThrownBy(() -> IndexTensor.fromTensor(Tensor.fromArray(new float[] {-16777216f, 0})))
                .hasMessageContaining("2^24");
    }

    @Test
    void intAndFloatIndicesGiveTheSameResultsAndGradients() {
        Generator gen = new Generator(3);
        Tensor x = Tensor.randn(gen, 3, 4, 2);
        Tensor fIdx = Tensor.fromArray(new float[] {2, 0, 2, 1, 3});
        IndexTensor iIdx = IndexTensor.of(new int[] {2, 0, 2, 1, 3});
        assertSameOpAndGradient(x, t -> t.indexSelect(1, fIdx), t -> t.indexSelect(1, iIdx));
        Tensor fG = Tensor.randint(gen, 0, 3, 5, 4, 2);
        IndexTensor iG = IndexTensor.fromTensor(fG);
        IndexTensor iG3 =
                IndexTensor.fromTensor(fG.narrow(0, 0, 3)); // a view of the float indices, read through its strides
        assertSameOpAndGradient(x, t -> t.gather(0, fG.narrow(0, 0, 3)), t -> t.gather(0, iG3));
        assertSameOpAndGradient(
                x,
                t -> t.gather(
                        2,
                        fG.narrow(0, 0, 2)
                                .narrow(2, 0, 1)
                                .sub(fG.narrow(0, 0, 2).narrow(2, 0, 1))
                                .add(1f)),
                t -> t.gather(2, IndexTensor.full(1, 2, 4, 1)));
        Tensor src = Tensor.randn(gen, 5, 4, 2);
        assertSameOpAndGradient(
                src,
                t -> Tensor.zeros(3, 4, 2).scatterAdd(0, fG, t),
                t -> Tensor.zeros(3, 4, 2).scatterAdd(0, iG, t));
        assertThat(Tensor.oneHot(IndexTensor.of(new int[] {2, 0, 1, 2}, 2, 2), 3))
                .satisfies(o -> assertThat(o.toArray())
                        .containsExactly(Tensor.oneHot(Tensor.fromArray(new float[] {2, 0, 1, 2}, 2, 2), 3)
                                .toArray()));
        assertThat(Tensor.oneHot(IndexTensor.of(new int[] {2, 0, 1, 2}, 2, 2), 3)
                        .shape())
                .containsExactly(2, 2, 3);
    }

    private static void assertSameOpAndGradient(
            Tensor input, Function<Tensor, Tensor> floatOp, Function<Tensor, Tensor> intOp) {
        Tensor a = input.copy().requiresGrad(true), b = input.copy().requiresGrad(true);
        Tensor ya = floatOp.apply(a), yb = intOp.apply(b);
        assertThat(yb.shape()).containsExactly(ya.shape());
        assertThat(yb.toArray()).containsExactly(ya.toArray());
        Tensor r = Tensor.randn(new Generator(11), ya.shape());
        ya.mul(r).sum().backward();
        yb.mul(r).sum().backward();
        assertThat(b.grad().toArray()).containsExactly(a.grad().toArray());
    }

    @Test
    void argmaxIndicesAgreeWithTheFloatIndices() {
        Tensor x = Tensor.fromArray(new float[] {3, 9, 1, 9, 2, 8, 7, 0, 5, 5, 6, 4}, 3, 4);
        assertThat(x.argmaxIndices(1)).isEqualTo(IndexTensor.of(new int[] {1, 1, 2}));
        assertThat(x.argmaxIndices(1).toTensor().toArray())
                .containsExactly(x.argmax(1).toArray());
        assertThat(x.argminIndices(0)).isEqualTo(IndexTensor.of(new int[] {1, 2, 0, 1}));
        assertThat(x.argmaxIndices()).isEqualTo(IndexTensor.scalar(1));
        ValuesIndices mx = x.max(0, true);
        assertThat(mx.indexTensor()).isEqualTo(IndexTensor.of(new int[] {2, 0, 1, 0}, 1, 4));
        assertThat(mx.indices().toArray()).containsExactly(2, 0, 1, 0);
        assertThat(x.gather(0, mx.indexTensor()).toArray())
                .containsExactly(mx.values().toArray()); // the indices feed gather directly
        assertThat(Tensor.scalar(4).max(0, false).indexTensor()).isEqualTo(IndexTensor.scalar(0));
        // the compatibility constructor converts the float indices
        assertThat(new ValuesIndices(Tensor.ones(2), Tensor.fromArray(new float[] {1, 0})).indexTensor())
                .isEqualTo(IndexTensor.of(new int[] {1, 0}));
    }

    @Test
    void badIndicesNameTheOpThePositionAndTheValue() {
        Tensor m = Tensor.zeros(3, 4);
        assertThatThrownBy(() -> m.indexSelect(1, IndexTensor.of(new int[] {0, 4})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("indexSelect")
                .hasMessageContaining("index 4 at position 1")
                .hasMessageContaining("[0, 4)");
        assertThatThrownBy(() -> m.indexSelect(0, IndexTensor.of(new int[] {-1})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("indexSelect")
                .hasMessageContaining("index -1 at position 0");
        assertThatThrownBy(() -> m.indexSelect(0, IndexTensor.of(new int[] {0, 1}, 1, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("indexSelect")
                .hasMessageContaining("1-D")
                .hasMessageContaining("[1, 2]");
        assertThatThrownBy(() -> m.gather(1, IndexTensor.of(new int[] {0, 1, 2, 3, 0, 7}, 3, 2)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("gather")
                .hasMessageContaining("index 7 at position [2, 1]");
        assertThatThrownBy(() -> m.gather(1, IndexTensor.of(new int[] {0, 1})))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("gather")
                .hasMessageContaining("[2]")
                .hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> m.scatterAdd(0, IndexTensor.of(new int[] {0, 3}, 1, 2), Tensor.ones(1, 2)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("scatterAdd")
                .hasMessageContaining("index 3 at position [0, 1]")
                .hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> m.scatterAdd(0, IndexTensor.of(new int[] {0, 1}, 1, 2), Tensor.ones(2, 1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("scatterAdd")
                .hasMessageContaining("[1, 2]")
                .hasMessageContaining("[2, 1]");
        assertThatThrownBy(() -> Tensor.oneHot(IndexTensor.of(new int[] {1, -2}), 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("oneHot")
                .hasMessageContaining("index -2 at position 1")
                .hasMessageContaining("numClasses=3");
        // float indices: the conversion names the op too
        assertThatThrownBy(() -> m.gather(0, Tensor.fromArray(new float[] {0.5f, 0, 0, 0}, 1, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gather")
                .hasMessageContaining("index 0.5 at position [0, 0]");
        assertThatThrownBy(() -> m.indexSelect(0, Tensor.fromArray(new float[] {-1})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("indexSelect")
                .hasMessageContaining("index -1 at position 0");
        assertThatThrownBy(() -> F.embedding(IndexTensor.of(new int[] {0, 1, 5, 2}, 2, 2), Tensor.zeros(5, 3)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("embedding")
                .hasMessageContaining("index 5 at position [1, 0]")
                .hasMessageContaining("num_embeddings=5");
    }

    @Test
    void embeddingTakesIndexTensorsWithTheSameResultsAsFloats() {
        Generator gen = new Generator(21);
        for (Integer padding : new Integer[] {null, 1, -1}) {
            Embedding a = new Embedding(6, 3, padding, new Generator(2)),
                    b = new Embedding(6, 3, padding, new Generator(2));
            int[] idx = {1, 0, 5, 1, 4, 1};
            float[] fidx = new float[idx.length];
            for (int i = 0; i < idx.length; i++) fidx[i] = idx[i];
            Tensor ya = a.forward(Tensor.fromArray(fidx, 2, 3)), yb = b.forward(IndexTensor.of(idx, 2, 3));
            assertThat(yb.shape()).containsExactly(2, 3, 3);
            assertThat(yb.toArray()).containsExactly(ya.toArray());
            Tensor r = Tensor.randn(gen, 2, 3, 3);
            ya.mul(r).sum().backward();
            yb.mul(r).sum().backward();
            assertThat(b.parameter("weight").grad().toArray())
                    .as("padding " + padding)
                    .containsExactly(a.parameter("weight").grad().toArray());
        }
        Embedding p = new Embedding(4, 2, 3, new Generator(4));
        p.forward(IndexTensor.of(new int[] {3, 3, 0})).sum().backward();
        assertThat(p.parameter("weight").grad().toArray())
                .containsExactly(1, 1, 0, 0, 0, 0, 0, 0); // the padding row gets none
        assertThat(F.embedding(IndexTensor.scalar(2), Tensor.arange(8).reshape(4, 2))
                        .toArray())
                .containsExactly(4, 5);
    }

    @Test
    void embeddingWithIndexTensorPassesAGradientCheck() {
        Generator gen = new Generator(8);
        IndexTensor idx = IndexTensor.of(new int[] {4, 0, 4, 2, 1, 4}, 3, 2);
        // (with a paddingIdx the forward reads the padding row but passes it no gradient, on purpose, so no
        // finite-difference check)
        GradCheck.Result r = GradCheck.check(t -> F.embedding(idx, t[0]).tanh(), Tensor.randn(gen, 5, 3));
        assertThat(r.ok()).as(r.message()).isTrue();
        GradCheck.Result onView =
                GradCheck.check(t -> F.embedding(idx, t[0].t()).square(), Tensor.randn(gen, 3, 5));
        assertThat(onView.ok()).as(onView.message()).isTrue();
    }

    /** d/dx of (d/dx f) through the grad-mode backward of the index ops (a gradient penalty through an embedding or a gather). */
    @Test
    void secondDerivativesThroughIndexOpsMatchFiniteDifferences() {
        IndexTensor rows = IndexTensor.of(new int[] {2, 0, 2});
        IndexTensor cols = IndexTensor.of(new int[] {1, 1, 0, 2, 2, 1, 0, 0, 2}, 3, 3);
        Tensor x0 = Tensor.randn(new Generator(6), 3, 3);
        GradCheck.Result r = GradCheck.check(
                in -> {
                    try (var on = NoGrad.enable()) {
                        Tensor x = in[0];
                        Tensor picked = x.indexSelect(0, rows).mul(x.gather(1, cols));
                        Tensor scattered = Tensor.zeros(3, 3).scatterAdd(1, cols, x.square());
                        Tensor y = picked.sin().sum().add(scattered.mul(x).sum());
                        return Autograd.grad(List.of(y), List.of(x), null, true).get(0);
                    }
                },
                x0);
        assertThat(r.ok()).as(r.message()).isTrue();
    }
}
