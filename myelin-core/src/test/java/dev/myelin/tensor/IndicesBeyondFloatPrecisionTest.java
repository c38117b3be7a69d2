package dev.myelin.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.NoGrad;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.NLLLoss;
import dev.myelin.nn.Embedding;
import dev.myelin.nn.F;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Indices past 2^24 = 16,777,216, where float32 stops holding every whole number ({@code (float) 16777217
 * == 16777216f}): with an IndexTensor, index 2^24 + 1 reaches row 2^24 + 1; a float index holding that
 * value is refused with a message pointing to IndexTensor (before, it silently read row 2^24). Uses a
 * [2^24 + 3, 1] table (~67 MB of floats) and 1-D tensors of that length.
 */
class IndicesBeyondFloatPrecisionTest {
    private static final int BIG = (1 << 24) + 3;
    private static final int P = (1 << 24) + 1; // 16777217: not a float
    private static Tensor table;

    /** Zeros except row 2^24 = −1, row 2^24 + 1 = 7, row 2^24 + 2 = 9. */
    @BeforeAll
    static void bigTable() {
        table = Tensor.zeros(BIG, 1);
        table.set(-1, P - 1, 0);
        table.set(7, P, 0);
        table.set(9, P + 1, 0);
    }

    @Test
    void theFloatIndexReallyIsInexact() {
        assertThat((float) P).isEqualTo((float) (P - 1));
        assertThat((int) Tensor.fromArray(new float[] {P, 0}).get(0)).isEqualTo(P - 1);
    }

    @Test
    void indexSelectAndGatherReachRowTwoToTheTwentyFourPlusOne() {
        assertThat(table.indexSelect(0, IndexTensor.of(new int[] {P, P - 1, P + 1, 3}))
                        .toArray())
                .containsExactly(7, -1, 9, 0);
        Tensor column = table.reshape(-1); // a long 1-D tensor
        assertThat(column.gather(0, IndexTensor.of(new int[] {P + 1, P})).toArray())
                .containsExactly(9, 7);
        assertThat(table.gather(0, IndexTensor.of(new int[] {P}, 1, 1)).item()).isEqualTo(7);
        // below 2^24 float indices still work and agree
        assertThat(column.gather(0, Tensor.fromArray(new float[] {P - 2, 5})).toArray())
                .containsExactly(0, 0);
        assertThat(table.indexSelect(0, Tensor.fromArray(new float[] {(1 << 24) - 1}))
                        .toArray())
                .containsExactly(table.indexSelect(0, IndexTensor.of(new int[] {(1 << 24) - 1}))
                        .toArray());
    }

    @Test
    void aFloatIndexAtOrPastTwoToTheTwentyFourIsRefusedNotRounded() {
        Tensor floatIdx = Tensor.fromArray(new float[] {3, P}); // holds 16777216 after rounding
        assertThatThrownBy(() -> table.indexSelect(0, floatIdx))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indexSelect")
                .hasMessageContaining("position 1")
                .hasMessageContaining("16777216")
                .hasMessageContaining("2^24")
                .hasMessageContaining("IndexTensor");
        assertThatThrownBy(() -> table.reshape(-1).gather(0, floatIdx))
                .hasMessageContaining("gather")
                .hasMessageContaining("IndexTensor");
        assertThatThrownBy(() -> Tensor.zeros(BIG).scatterAdd(0, floatIdx, Tensor.ones(2)))
                .hasMessageContaining("scatterAdd")
                .hasMessageContaining("IndexTensor");
        assertThatThrownBy(() -> F.embedding(floatIdx, table))
                .hasMessageContaining("embedding")
                .hasMessageContaining("IndexTensor");
        assertThatThrownBy(() -> new NLLLoss().forward(Tensor.zeros(1, BIG), Tensor.fromArray(new float[] {P}, 1)))
                .hasMessageContaining("NLLLoss")
                .hasMessageContaining("target 16777216")
                .hasMessageContaining("IndexTensor");
    }

    @Test
    void embeddingReadsAndTrainsTheRightRow() {
        Tensor w = table.copy().requiresGrad(true);
        Tensor y = F.embedding(IndexTensor.of(new int[] {P, P + 1, P}, 3), w);
        assertThat(y.shape()).containsExactly(3, 1);
        assertThat(y.toArray()).containsExactly(7, 9, 7);
        y.sum().backward();
        assertThat(w.grad().get(P, 0)).isEqualTo(2);
        assertThat(w.grad().get(P + 1, 0)).isEqualTo(1);
        assertThat(w.grad().get(P - 1, 0)).isZero(); // the row a float index would have hit
        Embedding e = new Embedding(BIG, 1, null, new Generator(1));
        try (var off = NoGrad.enter()) {
            e.parameter("weight").copy_(table);
        }
        assertThat(e.forward(IndexTensor.of(new int[] {P - 1, P}, 1, 2)).toArray())
                .containsExactly(-1, 7);
    }

    @Test
    void scatterAddArgmaxAndOneHotAddressTheExactPosition() {
        Tensor s =
                Tensor.zeros(BIG).scatterAdd(0, IndexTensor.of(new int[] {P, P}), Tensor.fromArray(new float[] {2, 3}));
        assertThat(s.get(P)).isEqualTo(5);
        assertThat(s.get(P - 1)).isZero();
        Tensor column = table.reshape(-1);
        assertThat(column.sub(Tensor.scalar(8)).abs().neg().argmaxIndices())
                .isEqualTo(IndexTensor.scalar(P)); // nearest to 8: the 7 at P
        assertThat(table.argmaxIndices(0)).isEqualTo(IndexTensor.of(new int[] {P + 1}));
        assertThat(table.max(0, false).indexTensor().item()).isEqualTo(P + 1);
        assertThat(table.max(0, false).indices().item())
                .as("the float indices stay as they were: inexact past 2^24")
                .isEqualTo((float) (P + 1));
        Tensor hot = Tensor.oneHot(IndexTensor.of(new int[] {P}), P + 1);
        assertThat(hot.get(0, P)).isEqualTo(1);
        assertThat(hot.get(0, P - 1)).isZero();
    }

    @Test
    void classIndexTargetsPastTwoToTheTwentyFour() {
        Tensor logp = Tensor.full(-20, 1, P + 1);
        logp.set(-3, 0, P);
        logp.set(-5, 0, P - 1);
        assertThat(new NLLLoss().forward(logp, IndexTensor.of(new int[] {P})).item())
                .isEqualTo(3);
        Tensor logits = Tensor.zeros(1, P + 1);
        logits.set(30, 0, P);
        float ce = new CrossEntropyLoss()
                .forward(logits, IndexTensor.of(new int[] {P}))
                .item();
        assertThat(ce).isCloseTo((float) Math.log1p(P * Math.exp(-30)), org.assertj.core.data.Offset.offset(1e-6f));
    }
}
