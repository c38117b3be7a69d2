package dev.myelin.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.Linear;
import dev.myelin.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strided views share storage with their base; in-place writes bump versions; stale saved tensors are caught. */
class ViewsAndVersionsTest {

    private static Tensor base() {
        return Tensor.arange(24).reshape(2, 3, 4);
    }

    @Test
    void layoutOpsAreViewsOfTheSameStorage() {
        Tensor x = base();
        List<Tensor> views = List.of(
                x.transpose(0, 2),
                x.permute(2, 0, 1),
                x.slice(2, 1, 4, 2),
                x.narrow(1, 1, 2),
                x.select(1, 2),
                x.unsqueeze(0).expand(5, 2, 3, 4),
                x.chunk(2, 2).get(1),
                x.split(1, 0).get(1),
                x.unfold(2, 2, 1),
                x.view(6, 4),
                x.reshape(2, 12),
                x.squeeze(),
                x.unsqueeze(1),
                x.detach());
        for (Tensor v : views) assertThat(v.sharesStorage(x)).as(v.toString()).isTrue();
    }

    @Test
    void aWriteThroughAViewIsVisibleInTheBase() {
        Tensor x = base();
        try (var ignored = NoGrad.enter()) {
            x.transpose(0, 2).select(0, 3).fill_(-1); // x[:, :, 3] = -1
            x.slice(1, 0, 3, 2).select(2, 0).add_(100); // x[:, 0::2, 0] += 100
            x.narrow(0, 1, 1).select(1, 1).copy_(Tensor.fromArray(new float[] {7, 8, 9, 10}));
        }
        assertThat(x.get(0, 0, 3)).isEqualTo(-1);
        assertThat(x.get(1, 2, 3)).isEqualTo(-1);
        assertThat(x.get(0, 0, 0)).isEqualTo(100);
        assertThat(x.get(1, 2, 0)).isEqualTo(120);
        assertThat(x.get(0, 1, 0)).isEqualTo(4);
        assertThat(x.get(1, 1, 0)).isEqualTo(7);
        assertThat(x.get(1, 1, 3)).isEqualTo(10);
    }

    @Test
    void stridesOffsetsAndContiguity() {
        Tensor x = base();
        Tensor t = x.transpose(1, 2);
        assertThat(t.shape()).containsExactly(2, 4, 3);
        assertThat(t.stride()).containsExactly(12, 1, 4);
        assertThat(t.isContiguous()).isFalse();
        assertThat(x.select(0, 1).storageOffset()).isEqualTo(12);
        assertThat(x.select(0, 1).isContiguous()).isTrue();
        assertThat(x.slice(2, 0, 4, 2).stride()).containsExactly(12, 4, 2);
        assertThat(x.unsqueeze(0).expand(3, 2, 3, 4).stride()).containsExactly(0, 12, 4, 1);
        Tensor c = t.contiguous();
        assertThat(c.isContiguous()).isTrue();
        assertThat(c.sharesStorage(x)).isFalse();
        assertThat(c.get(1, 3, 2)).isEqualTo(x.get(1, 2, 3));
        assertThat(x.contiguous()).isSameAs(x);
        assertThat(t.toArray()).containsExactly(c.data());
    }

    @Test
    void viewFollowsPyTorchsStrideRuleAndReshapeCopiesWhereItMust() {
        Tensor t = base().transpose(1, 2); // [2, 4, 3], strides [12, 1, 4]
        assertThat(t.view(2, 12 / 12 * 4, 3).sharesStorage(t)).isTrue();
        assertThatThrownBy(() -> t.view(2, 12))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("use reshape");
        Tensor r = t.reshape(2, 12);
        assertThat(r.sharesStorage(t)).isFalse();
        assertThat(r.toArray()).containsExactly(t.toArray());
        Tensor merged = base().permute(1, 0, 2).select(0, 1).reshape(8); // rows 4 apart, not mergeable
        assertThat(merged.toArray()).containsExactly(4, 5, 6, 7, 16, 17, 18, 19);
        assertThat(base().narrow(0, 1, 1).view(3, 4).sharesStorage(base())).isFalse(); // a fresh base each call
    }

    @Test
    void dataOfAViewIsRefusedWithAHint() {
        assertThatThrownBy(() -> base().mT().data())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values()");
    }

    @Test
    void opsReadViewsCorrectly() {
        Tensor x = base();
        Tensor t = x.transpose(0, 2); // [4, 3, 2]
        Tensor expected = new Tensor(t.toArray(), 4, 3, 2);
        assertThat(t.add(1f).toArray()).containsExactly(expected.add(1f).toArray());
        assertThat(t.mul(t.select(2, 0).unsqueeze(2)).toArray())
                .containsExactly(expected.mul(expected.select(2, 0).unsqueeze(2).contiguous())
                        .toArray());
        assertThat(t.sum(1, false).toArray())
                .containsExactly(expected.sum(1, false).toArray());
        assertThat(t.softmax(0).toArray()).containsExactly(expected.softmax(0).toArray());
        Tensor a = Tensor.randn(new Generator(1), 3, 5, 4), b = Tensor.randn(new Generator(2), 3, 6, 4);
        Tensor viaView = a.matmul(b.transpose(-2, -1));
        Tensor viaCopy = a.matmul(b.transpose(-2, -1).contiguous());
        assertThat(viaView.allClose(viaCopy, 1e-6f, 1e-6f)).isTrue();
        Tensor at = a.transpose(-2, -1).contiguous().transpose(-2, -1); // a read through a column-major view
        assertThat(at.matmul(b.transpose(-2, -1)).allClose(viaCopy, 1e-6f, 1e-6f))
                .isTrue();
    }

    @Test
    void sliceBackwardTouchesOnlyTheSliceAndAccumulates() {
        Tensor x = Tensor.zeros(4, 3).requiresGrad(true);
        Tensor y = x.select(0, 1)
                .mul(2f)
                .sum()
                .add(x.slice(0, 0, 4, 2)
                        .sum(0)
                        .mul(Tensor.fromArray(new float[] {1, 2, 3}))
                        .sum());
        y.backward();
        assertThat(x.grad().toArray()).containsExactly(1, 2, 3, 2, 2, 2, 1, 2, 3, 0, 0, 0);
    }

    @Test
    void inPlaceOpsBumpTheVersionOfEveryView() {
        Tensor x = base();
        Tensor v = x.transpose(0, 1);
        int before = x.version();
        try (var ignored = NoGrad.enter()) {
            v.mul_(2f);
        }
        assertThat(x.version()).isEqualTo(before + 1);
        assertThat(v.version()).isEqualTo(x.version());
        assertThat(x.get(1, 2, 3)).isEqualTo(46);
    }

    @Test
    void inPlaceOnATensorThatRequiresGradNeedsNoGradAndExpandedViewsAreRefused() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        assertThatThrownBy(() -> w.add_(1f))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leaf tensor that requires grad");
        assertThatThrownBy(() -> Tensor.ones(3).expand(2, 3).fill_(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one memory location");
    }

    @Test
    void modifyingASavedTensorInPlaceIsCaughtAtBackwardNamingTheOp() {
        Tensor a = Tensor.fromArray(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor b = Tensor.fromArray(new float[] {4, 5, 6});
        Tensor y = a.mul(b).sum();
        b.add_(1f); // b is saved by the product
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("modified by an inplace operation")
                .hasMessageContaining("MulBackward")
                .hasMessageContaining("version 1")
                .hasMessageContaining("expected version 0");
        // an op that saves nothing (add) does not mind
        Tensor z = a.add(b).sum();
        b.add_(1f);
        z.backward();
        assertThat(a.grad().toArray()).containsExactly(1, 1, 1);
    }

    @Test
    void anOptimizerStepBetweenForwardAndBackwardIsCaught() {
        Linear layer = new Linear(3, 2, true, new Generator(3));
        SGD sgd = new SGD(layer.parameters(), 0.1);
        Tensor x = Tensor.randn(new Generator(4), 5, 3);
        Tensor first = layer.forward(x).square().mean();
        first.backward();
        Tensor second = layer.forward(x.mul(2f)).square().mean(); // graph kept across the step below
        sgd.step();
        assertThatThrownBy(second::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LinearBackward")
                .hasMessageContaining("optimizer step");
    }

    @Test
    void layersLossesAndActivationsAcceptViews() {
        Generator gen = new Generator(11);
        Tensor seq = Tensor.randn(gen, 4, 5, 3); // [B, T, C]
        Tensor w = Tensor.randn(gen, 2, 3), b = Tensor.randn(gen, 2);
        Tensor step = seq.select(1, 2); // rows 15 apart: read in place
        assertThat(dev.myelin.nn.F.linear(step, w, b).toArray())
                .containsExactly(dev.myelin.nn.F.linear(step.contiguous(), w, b).toArray());
        Tensor tr = seq.transpose(0, 2); // [C, T, B]: copied for the GEMM
        Tensor w4 = Tensor.randn(gen, 2, 4);
        assertThat(dev.myelin.nn.F.linear(tr, w4, null).toArray())
                .containsExactly(
                        dev.myelin.nn.F.linear(tr.contiguous(), w4, null).toArray());
        Tensor logits = Tensor.randn(gen, 3, 6).t(); // [6, 3]
        Tensor target = Tensor.fromArray(new float[] {0, 2, 1, 1, 0, 2});
        assertThat(new dev.myelin.loss.CrossEntropyLoss()
                        .forward(logits, target)
                        .item())
                .isEqualTo(new dev.myelin.loss.CrossEntropyLoss()
                        .forward(logits.contiguous(), target)
                        .item());
        assertThat(new dev.myelin.loss.MSELoss()
                        .forward(logits, logits.contiguous().mul(0.5f))
                        .item())
                .isEqualTo(new dev.myelin.loss.MSELoss()
                        .forward(logits.contiguous(), logits.contiguous().mul(0.5f))
                        .item());
        assertThat(dev.myelin.nn.F.silu(logits).toArray())
                .containsExactly(dev.myelin.nn.F.silu(logits.contiguous()).toArray());
    }

    @Test
    void matmulIntoAReusedOutputBmmAndBaddbmm() {
        Generator gen = new Generator(12);
        Tensor q = Tensor.randn(gen, 4, 5, 3), k = Tensor.randn(gen, 4, 6, 3);
        Tensor expected = q.matmul(k.transpose(-2, -1));
        Tensor out = Tensor.full(Float.NaN, 4, 5, 6);
        int v = out.version();
        assertThat(q.matmul(k.transpose(-2, -1), out)).isSameAs(out);
        assertThat(out.toArray()).containsExactly(expected.toArray());
        assertThat(out.version()).isEqualTo(v + 1);
        assertThatThrownBy(() -> q.matmul(k, Tensor.zeros(4, 5, 6))).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> q.matmul(k.transpose(-2, -1), Tensor.zeros(4, 5, 7)))
                .hasMessageContaining("out has shape");
        assertThatThrownBy(() ->
                        q.matmul(k.transpose(-2, -1), Tensor.zeros(4, 6, 5).transpose(-2, -1)))
                .hasMessageContaining("view");
        Tensor qg = q.copy().requiresGrad(true);
        assertThatThrownBy(() -> qg.matmul(k.transpose(-2, -1), Tensor.zeros(4, 5, 6)))
                .hasMessageContaining("automatic differentiation");
        assertThat(q.bmm(k.transpose(1, 2)).toArray()).containsExactly(expected.toArray());
        assertThatThrownBy(() -> q.bmm(Tensor.zeros(3, 3))).hasMessageContaining("bmm");
        Tensor bias = Tensor.randn(gen, 5, 6);
        assertThat(bias.baddbmm(q, k.transpose(1, 2), 0.5f, 2f)
                        .allClose(expected.mul(2f).add(bias.mul(0.5f)), 1e-6f, 1e-6f))
                .isTrue();
        assertThat(Tensor.full(Float.NaN, 5, 6)
                        .baddbmm(q, k.transpose(1, 2), 0f, 1f)
                        .toArray())
                .containsExactly(expected.toArray());
    }

    @Test
    void contiguousOfLargeTransposedViewsEqualsTheElementwiseDefinition() {
        Tensor x = Tensor.randn(new Generator(13), 3, 70, 45);
        for (Tensor v : List.of(
                x.transpose(1, 2),
                x.permute(0, 2, 1).slice(1, 1, 45, 1),
                x.transpose(1, 2).narrow(2, 3, 40))) {
            float[] c = v.contiguous().data();
            int[] s = v.shape();
            for (int a = 0; a < s[0]; a++)
                for (int b = 0; b < s[1]; b++)
                    for (int d = 0; d < s[2]; d++)
                        assertThat(c[(a * s[1] + b) * s[2] + d]).isEqualTo(v.get(a, b, d));
        }
    }
}
