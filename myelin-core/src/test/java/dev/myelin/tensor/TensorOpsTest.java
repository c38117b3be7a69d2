package dev.myelin.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward values of tensor ops against hand-computed results. */
class TensorOpsTest {
    private static Tensor t(float... v) {
        return Tensor.fromArray(v);
    }

    @Test
    void factoriesProduceTheDocumentedValues() {
        assertThat(Tensor.zeros(2, 3).toArray()).containsOnly(0f).hasSize(6);
        assertThat(Tensor.ones(4).toArray()).containsExactly(1, 1, 1, 1);
        assertThat(Tensor.full(2.5f, 2).toArray()).containsExactly(2.5f, 2.5f);
        assertThat(Tensor.arange(0, 1, 0.25f).toArray()).containsExactly(0, 0.25f, 0.5f, 0.75f);
        assertThat(Tensor.arange(5, 0, -2).toArray()).containsExactly(5, 3, 1);
        assertThat(Tensor.linspace(-1, 1, 5).toArray()).containsExactly(-1, -0.5f, 0, 0.5f, 1);
        assertThat(Tensor.eye(3).toArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(Tensor.zeros(0, 3).numel()).isZero();
    }

    @Test
    void randomFactoriesAreSeededAndHaveTheRightDistribution() {
        Tensor a = Tensor.randn(new Generator(1), 20000), b = Tensor.randn(new Generator(1), 20000);
        assertThat(a.toArray()).containsExactly(b.toArray());
        assertThat(a.mean().item()).isCloseTo(0, within(0.03f));
        assertThat(a.std().item()).isCloseTo(1, within(0.03f));
        Tensor u = Tensor.rand(new Generator(2), 20000);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(0);
        assertThat(u.max().item()).isLessThan(1);
        assertThat(u.mean().item()).isCloseTo(0.5f, within(0.01f));
        Tensor r = Tensor.randint(new Generator(3), -2, 3, 1000);
        assertThat(r.toArray()).containsOnly(-2f, -1f, 0f, 1f, 2f);
        assertThat(Tensor.randn(new Generator(1), 3).toArray())
                .isNotEqualTo(Tensor.randn(new Generator(2), 3).toArray());
    }

    @Test
    void invalidArgumentsFailFastWithAClearMessage() {
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).hasMessageContaining("negative size -1");
        assertThatThrownBy(() -> Tensor.arange(0, 1, 0)).hasMessageContaining("step");
        assertThatThrownBy(() -> Tensor.uniform(new Generator(1), Float.NaN, 1, 2))
                .hasMessageContaining("low=NaN");
        assertThatThrownBy(() -> Tensor.randint(new Generator(1), 3, 3, 2)).hasMessageContaining("low < high");
        assertThatThrownBy(() -> Tensor.ones(2, 3).sum(2)).hasMessageContaining("sum: dim 2 is out of range");
        assertThatThrownBy(() -> Tensor.ones(2, 3).reshape(4, 2))
                .hasMessageContaining("[4, 2]")
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> new Tensor(new float[5], 2, 3)).hasMessageContaining("5 values");
        assertThatThrownBy(() -> Tensor.ones(1).clamp(1, 0)).hasMessageContaining("min <= max");
    }

    @Test
    void broadcastingFollowsNumpyRules() {
        Tensor m = Tensor.arange(6).reshape(2, 3);
        assertThat(m.add(t(10, 20, 30)).toArray()).containsExactly(10, 21, 32, 13, 24, 35);
        assertThat(m.mul(t(2, 3).reshape(2, 1)).toArray()).containsExactly(0, 2, 4, 9, 12, 15);
        Tensor outer = t(1, 2).reshape(2, 1, 1).sub(t(1, 2, 3).reshape(1, 3));
        assertThat(outer.shape()).containsExactly(2, 1, 3);
        assertThat(outer.toArray()).containsExactly(0, -1, -2, 1, 0, -1);
        assertThat(Tensor.scalar(2).div(t(4, 8)).toArray()).containsExactly(0.5f, 0.25f);
    }

    @Test
    void shapeMismatchNamesTheOpAndBothShapes() {
        assertThatThrownBy(() -> Tensor.ones(2, 3).add(Tensor.ones(4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("add")
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("[4]");
        assertThatThrownBy(() -> Tensor.ones(2, 3).matmul(Tensor.ones(2, 3)))
                .hasMessageContaining("matmul")
                .hasMessageContaining("[2, 3] and [2, 3]");
    }

    @Test
    void unaryMathMatchesJavaMath() {
        Tensor x = t(-2, -0.5f, 0, 0.5f, 2);
        assertThat(x.abs().toArray()).containsExactly(2, 0.5f, 0, 0.5f, 2);
        assertThat(x.relu().toArray()).containsExactly(0, 0, 0, 0.5f, 2);
        assertThat(x.sigmoid().get(4)).isCloseTo((float) (1 / (1 + Math.exp(-2))), within(1e-7f));
        assertThat(x.tanh().get(0)).isCloseTo((float) Math.tanh(-2), within(1e-7f));
        assertThat(x.exp().get(1)).isCloseTo((float) Math.exp(-0.5), within(1e-7f));
        assertThat(t(4, 9).sqrt().toArray()).containsExactly(2, 3);
        assertThat(t(1, (float) Math.E).log().get(1)).isCloseTo(1, within(1e-6f));
        assertThat(t(2, 3).pow(2).toArray()).containsExactly(4, 9);
        assertThat(t(0, (float) (Math.PI / 2)).sin().get(1)).isCloseTo(1, within(1e-7f));
        assertThat(x.clamp(-1, 1).toArray()).containsExactly(-1, -0.5f, 0, 0.5f, 1);
        assertThat(t(-1000, 1000).sigmoid().toArray()).containsExactly(0, 1); // no overflow to NaN
    }

    @Test
    void comparisonsAndWhere() {
        Tensor a = t(1, 2, 3), b = t(3, 2, 1);
        assertThat(a.gt(b).toArray()).containsExactly(0, 0, 1);
        assertThat(a.ge(b).toArray()).containsExactly(0, 1, 1);
        assertThat(a.eq(2).toArray()).containsExactly(0, 1, 0);
        assertThat(a.ne(b).toArray()).containsExactly(1, 0, 1);
        assertThat(Tensor.where(a.lt(b), a, Tensor.scalar(-1)).toArray()).containsExactly(1, -1, -1);
    }

    @Test
    void reductionsOverAllAndGivenDims() {
        Tensor m = Tensor.arange(6).reshape(2, 3); // [[0,1,2],[3,4,5]]
        assertThat(m.sum().item()).isEqualTo(15);
        assertThat(m.sum(0).toArray()).containsExactly(3, 5, 7);
        assertThat(m.sum(1, true).shape()).containsExactly(2, 1);
        assertThat(m.sum(1, true).toArray()).containsExactly(3, 12);
        assertThat(m.sum(new int[] {0, 1}, true).shape()).containsExactly(1, 1);
        assertThat(m.mean(-1).toArray()).containsExactly(1, 4);
        assertThat(m.var().item()).isCloseTo(3.5f, within(1e-6f)); // unbiased, as torch.var
        assertThat(m.var(new int[] {1}, 0, false).toArray()).containsExactly(2f / 3, 2f / 3);
        assertThat(m.std(1, false).toArray()).containsExactly(1, 1);
        ValuesIndices mx = t(3, 7, 7, 1).reshape(2, 2).max(1, false);
        assertThat(mx.values().toArray()).containsExactly(7, 7);
        assertThat(mx.indices().toArray()).containsExactly(1, 0);
        assertThat(t(3, 1, 2).argmin(0).item()).isEqualTo(1);
        assertThat(m.max().item()).isEqualTo(5);
        assertThat(m.argmax().item()).isEqualTo(5);
        float lse = (float) Math.log(Math.exp(0) + Math.exp(1) + Math.exp(2));
        assertThat(m.logsumexp(1, false).get(0)).isCloseTo(lse, within(1e-6f));
        assertThat(t(1000, 1000).logsumexp(0, false).item()).isCloseTo(1000 + (float) Math.log(2), within(1e-3f));
    }

    @Test
    void softmaxIsStableAndNormalized() {
        Tensor s = t(1, 2, 3, 1000, 1000, 1000).reshape(2, 3).softmax(-1);
        double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(s.get(0, 0)).isCloseTo((float) (Math.exp(1) / e), within(1e-6f));
        assertThat(s.get(1, 2)).isCloseTo(1f / 3, within(1e-6f));
        assertThat(t(1, 2, 3).logSoftmax(0).get(2)).isCloseTo((float) (3 - Math.log(e)), within(1e-6f));
        assertThat(Tensor.arange(6).reshape(2, 3).softmax(0).sum(0).toArray()).containsExactly(1, 1, 1);
    }

    @Test
    void tTransposesAtMostTwoDimsAndMTTheLastTwoAsInPyTorch() {
        Tensor v = Tensor.arange(3);
        assertThat(v.t()).isSameAs(v);
        assertThat(Tensor.scalar(2f).t().dim()).isZero();
        Tensor b = Tensor.arange(12).reshape(2, 2, 3);
        assertThatThrownBy(b::t)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 2, 3]")
                .hasMessageContaining("mT()");
        Tensor bt = b.mT();
        assertThat(bt.shape()).containsExactly(2, 3, 2);
        assertThat(bt.get(1, 2, 0)).isEqualTo(b.get(1, 0, 2));
        assertThat(Tensor.arange(6).reshape(2, 3).mT().toArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThatThrownBy(v::mT).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
        assertThatThrownBy(() -> v.transpose(-2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layoutOps() {
        Tensor m = Tensor.arange(6).reshape(2, 3);
        assertThat(m.t().toArray()).containsExactly(0, 3, 1, 4, 2, 5);
        Tensor c = Tensor.arange(24).reshape(2, 3, 4).permute(2, 0, 1);
        assertThat(c.shape()).containsExactly(4, 2, 3);
        assertThat(c.get(1, 1, 2)).isEqualTo(21); // source [1,2,1] = 12+8+1
        assertThat(m.unsqueeze(0).shape()).containsExactly(1, 2, 3);
        assertThat(m.unsqueeze(-1).shape()).containsExactly(2, 3, 1);
        assertThat(m.unsqueeze(0).squeeze().shape()).containsExactly(2, 3);
        assertThat(t(1, 2).reshape(2, 1).expand(2, 3).toArray()).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(m.narrow(1, 1, 2).toArray()).containsExactly(1, 2, 4, 5);
        assertThat(Tensor.arange(10).slice(0, 1, 8, 3).toArray()).containsExactly(1, 4, 7);
        assertThat(Tensor.arange(5).slice(0, -2, 100, 1).toArray()).containsExactly(3, 4);
        assertThat(Tensor.cat(List.of(m, m.mul(10)), 1).toArray())
                .containsExactly(0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50);
        assertThat(Tensor.stack(List.of(t(1, 2), t(3, 4)), 1).toArray()).containsExactly(1, 3, 2, 4);
        List<Tensor> parts = Tensor.arange(5).split(2, 0);
        assertThat(parts).hasSize(3);
        assertThat(parts.get(2).toArray()).containsExactly(4);
        assertThat(m.flatten().shape()).containsExactly(6);
        assertThat(m.reshape(3, -1).shape()).containsExactly(3, 2);
    }

    @Test
    void reshapeSharesStorageLikeAView() {
        Tensor m = Tensor.arange(6).reshape(2, 3);
        Tensor v = m.view(3, 2);
        m.set(42, 0, 1);
        assertThat(v.get(0, 1)).isEqualTo(42);
    }

    @Test
    void indexingOps() {
        Tensor m = Tensor.arange(6).reshape(3, 2);
        assertThat(m.indexSelect(0, t(2, 0, 2)).toArray()).containsExactly(4, 5, 0, 1, 4, 5);
        assertThat(m.gather(1, t(1, 0, 0).reshape(3, 1)).toArray()).containsExactly(1, 2, 4);
        Tensor s = Tensor.zeros(2, 3).scatterAdd(1, t(0, 2, 2, 1, 1, 1).reshape(2, 3), Tensor.ones(2, 3));
        assertThat(s.toArray()).containsExactly(1, 0, 2, 0, 3, 0);
        assertThat(Tensor.oneHot(t(2, 0), 3).toArray()).containsExactly(0, 0, 1, 1, 0, 0);
        assertThatThrownBy(() -> Tensor.oneHot(t(3), 3))
                .hasMessageContaining("index 3 ")
                .hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> m.indexSelect(0, t(1.5f))).hasMessageContaining("whole number");
    }

    @Test
    void matmulFollowsPytorchRules() {
        Tensor a = t(1, 2, 3, 4, 5, 6).reshape(2, 3), b = t(7, 8, 9, 10, 11, 12).reshape(3, 2);
        assertThat(a.matmul(b).toArray()).containsExactly(58, 64, 139, 154);
        assertThat(t(1, 2, 3).matmul(t(4, 5, 6)).item()).isEqualTo(32);
        assertThat(t(1, 1).matmul(a).toArray()).containsExactly(5, 7, 9);
        assertThat(a.matmul(t(1, 0, -1)).toArray()).containsExactly(-2, -2);
        Tensor batch = Tensor.stack(List.of(a, a.mul(2)), 0); // [2,2,3]
        Tensor out = batch.matmul(b);
        assertThat(out.shape()).containsExactly(2, 2, 2);
        assertThat(out.toArray()).containsExactly(58, 64, 139, 154, 116, 128, 278, 308);
        Tensor bb = Tensor.stack(List.of(b, Tensor.zeros(3, 2)), 0).unsqueeze(0); // [1,2,3,2]
        Tensor out2 = a.unsqueeze(0).unsqueeze(0).expand(3, 1, 2, 3).matmul(bb); // [3,2,2,2]
        assertThat(out2.shape()).containsExactly(3, 2, 2, 2);
        assertThat(out2.slice(1, 1, 2, 1).sum().item()).isZero();
    }

    @Test
    void printsLikePytorch() {
        assertThat(t(1, 2, 3, 4).reshape(2, 2).toString()).isEqualTo("tensor([[1., 2.],\n        [3., 4.]])");
        assertThat(Tensor.arange(6).reshape(2, 3).div(3).toString())
                .isEqualTo("tensor([[0.0000, 0.3333, 0.6667],\n        [1.0000, 1.3333, 1.6667]])");
        assertThat(Tensor.scalar(3.5f).toString()).isEqualTo("tensor(3.5000)");
        assertThat(t(1e-5f, 1).toString()).isEqualTo("tensor([1.0000e-05, 1.0000e+00])");
        assertThat(t(-1, 10).toString()).isEqualTo("tensor([-1., 10.])");
        assertThat(Tensor.zeros(0, 3).toString()).isEqualTo("tensor([], size=(0, 3))");
        assertThat(t(1, 2).requiresGrad(true).mul(2f).toString())
                .isEqualTo("tensor([2., 4.], grad_fn=<MulScalarBackward>)");
        String big = Tensor.arange(2000).reshape(40, 50).toString();
        assertThat(big)
                .startsWith("tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00, ..., 4.7000e+01, 4.8000e+01, 4.9000e+01],")
                .contains("        ...,\n")
                .endsWith("1.9990e+03]], size=(40, 50))");
    }
}
