package dev.myelin.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    /** X row i = [i, -i]; y = labels. */
    private static Tensor x(int n) {
        float[] d = new float[2 * n];
        for (int i = 0; i < n; i++) {
            d[2 * i] = i;
            d[2 * i + 1] = -i;
        }
        return new Tensor(d, n, 2);
    }

    /** 100 labels: 70 of class 0, 20 of class 1, 10 of class 2, interleaved. */
    private static Tensor imbalanced() {
        float[] y = new float[100];
        for (int i = 0; i < 100; i++) y[i] = i % 10 == 0 ? 2 : i % 10 < 3 ? 1 : 0;
        return Tensor.fromArray(y);
    }

    private static int[] counts(Tensor y, int classes) {
        int[] c = new int[classes];
        for (float v : y.data()) c[(int) v]++;
        return c;
    }

    @Test
    void trainTestSplitHasSklearnSizesAndKeepsRowsPaired() {
        TrainTestSplit s = Splits.trainTestSplit(x(10), Tensor.arange(10), 0.25, 1, false);
        // sklearn: n_test = ceil(0.25 * 10) = 3, n_train = 7
        assertThat(s.xTest().shape()).containsExactly(3, 2);
        assertThat(s.xTrain().shape()).containsExactly(7, 2);
        for (int i = 0; i < 7; i++) {
            assertThat(s.xTrain().get(i, 0)).isEqualTo(s.yTrain().get(i));
            assertThat(s.xTrain().get(i, 1)).isEqualTo(-s.yTrain().get(i));
        }
        Set<Float> all = new HashSet<>();
        for (float v : s.yTrain().data()) all.add(v);
        for (float v : s.yTest().data()) all.add(v);
        assertThat(all).hasSize(10);
        assertThat(s.train().size()).isEqualTo(7);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Tensor x = x(50), y = Tensor.arange(50);
        TrainTestSplit a = Splits.trainTestSplit(x, y, 0.2, 42, false), b = Splits.trainTestSplit(x, y, 0.2, 42, false);
        TrainTestSplit c = Splits.trainTestSplit(x, y, 0.2, 43, false);
        assertThat(a.yTest().toArray()).containsExactly(b.yTest().toArray());
        assertThat(a.yTest().toArray()).isNotEqualTo(c.yTest().toArray());
        TrainValTestSplit v1 = Splits.trainValTestSplit(x(100), imbalanced(), 0.2, 0.1, 7, true),
                v2 = Splits.trainValTestSplit(x(100), imbalanced(), 0.2, 0.1, 7, true);
        assertThat(v1.trainIndices()).containsExactly(v2.trainIndices());
        assertThat(v1.valIndices()).containsExactly(v2.valIndices());
    }

    @Test
    void stratifiedSplitKeepsClassProportionsExactly() {
        Tensor y = imbalanced();
        for (long seed = 0; seed < 5; seed++) {
            TrainTestSplit s = Splits.trainTestSplit(x(100), y, 0.2, seed, true);
            assertThat(counts(s.yTest(), 3)).containsExactly(14, 4, 2);
            assertThat(counts(s.yTrain(), 3)).containsExactly(56, 16, 8);
        }
        TrainValTestSplit t = Splits.trainValTestSplit(x(100), y, 0.1, 0.3, 3, true);
        assertThat(counts(t.yTest(), 3)).containsExactly(21, 6, 3);
        assertThat(counts(t.yVal(), 3)).containsExactly(7, 2, 1);
        assertThat(counts(t.yTrain(), 3)).containsExactly(42, 12, 6);
        int[] all = IntStream.concat(
                        IntStream.concat(Arrays.stream(t.trainIndices()), Arrays.stream(t.valIndices())),
                        Arrays.stream(t.testIndices()))
                .sorted()
                .toArray();
        assertThat(all).containsExactly(IntStream.range(0, 100).toArray());
    }

    @Test
    void approximateModeHandsRemaindersToTheLargestFractions() {
        // counts 5,3,2 drawing 5: exact shares 2.5, 1.5, 1.0 -> floors 2,1,1, one more to class 0 or 1 (tied .5).
        for (long seed = 0; seed < 10; seed++) {
            int[] m = Splits.approximateMode(new int[] {5, 3, 2}, 5, new Generator(seed)::permutation);
            assertThat(m[2]).isEqualTo(1);
            assertThat(m[0] + m[1]).isEqualTo(4);
            assertThat(m[0]).isBetween(2, 3);
        }
        // counts 7,2,1 drawing 3: shares 2.1, 0.6, 0.3 -> 2, 1, 0
        assertThat(Splits.approximateMode(new int[] {7, 2, 1}, 3, new Generator(0)::permutation))
                .containsExactly(2, 1, 0);
    }

    @Test
    void badSplitsAreRejected() {
        assertThatThrownBy(() -> Splits.trainTestSplit(x(10), Tensor.arange(9), 0.2, 0, false))
                .hasMessageContaining("same number of samples");
        assertThatThrownBy(() -> Splits.trainTestSplit(x(10), Tensor.arange(10), 1.5, 0, false))
                .hasMessageContaining("testSize must be a fraction");
        assertThatThrownBy(() -> Splits.trainTestSplit(x(4), Tensor.fromArray(new float[] {0, 0, 0, 1}), 0.5, 0, true))
                .hasMessageContaining("only 1 member");
        assertThatThrownBy(() -> Splits.trainValTestSplit(x(10), Tensor.arange(10), 0.5, 0.5, 0, false))
                .hasMessageContaining("leave no training samples");
    }

    @Test
    void kFoldMatchesSklearn() {
        // KFold(3).split(10): test folds [0..3], [4..6], [7..9]
        List<IndexSplit> folds = new KFold(3).split(10);
        assertThat(folds.get(0).test()).containsExactly(0, 1, 2, 3);
        assertThat(folds.get(1).test()).containsExactly(4, 5, 6);
        assertThat(folds.get(2).test()).containsExactly(7, 8, 9);
        assertThat(folds.get(1).train()).containsExactly(0, 1, 2, 3, 7, 8, 9);
        List<IndexSplit> shuffled = new KFold(3, true, new Generator(1)).split(10);
        List<IndexSplit> again = new KFold(3, true, new Generator(1)).split(10);
        Set<Integer> seen = new HashSet<>();
        for (int f = 0; f < 3; f++) {
            assertThat(shuffled.get(f).test()).containsExactly(again.get(f).test());
            for (int i : shuffled.get(f).test()) assertThat(seen.add(i)).isTrue();
            assertThat(shuffled.get(f).test().length).isEqualTo(f == 0 ? 4 : 3);
        }
        assertThat(seen).hasSize(10);
        assertThatThrownBy(() -> new KFold(5).split(3))
                .hasMessageContaining("nSplits=5 greater than the number of samples: 3");
        assertThatThrownBy(() -> new KFold(1)).hasMessageContaining("at least 2");
    }

    @Test
    void stratifiedKFoldMatchesSklearn() {
        // sklearn 1.2: StratifiedKFold(3).split(X, [2,0,1,0,2,0,1,0,0,1,2,0]) -> tests [0..3], [4..7], [8..11]
        List<IndexSplit> f = new StratifiedKFold(3).split(new int[] {2, 0, 1, 0, 2, 0, 1, 0, 0, 1, 2, 0});
        assertThat(f.get(0).test()).containsExactly(0, 1, 2, 3);
        assertThat(f.get(1).test()).containsExactly(4, 5, 6, 7);
        assertThat(f.get(2).test()).containsExactly(8, 9, 10, 11);
        // StratifiedKFold(2).split(X, list('babaaaccab')) -> [0, 1, 2, 3, 6], [4, 5, 7, 8, 9]
        List<IndexSplit> g = new StratifiedKFold(2).split(new int[] {1, 0, 1, 0, 0, 0, 2, 2, 0, 1});
        assertThat(g.get(0).test()).containsExactly(0, 1, 2, 3, 6);
        assertThat(g.get(1).test()).containsExactly(4, 5, 7, 8, 9);
        assertThatThrownBy(() -> new StratifiedKFold(3).split(new int[] {0, 0, 1, 1}))
                .hasMessageContaining("cannot be greater than the number of members in each class");
    }

    @Test
    void shuffledStratifiedKFoldKeepsProportionsAndIsSeeded() {
        Tensor y = imbalanced();
        List<IndexSplit> a = new StratifiedKFold(5, true, new Generator(3)).split(y);
        List<IndexSplit> b = new StratifiedKFold(5, true, new Generator(3)).split(y);
        for (int f = 0; f < 5; f++) {
            assertThat(a.get(f).test()).containsExactly(b.get(f).test());
            int[] c = new int[3];
            for (int i : a.get(f).test()) c[(int) y.get(i)]++;
            assertThat(c).containsExactly(14, 4, 2);
        }
        assertThat(a.get(0).test())
                .isNotEqualTo(new StratifiedKFold(5).split(y).get(0).test());
    }
}
