package dev.myelin.data.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Images as row sequences, sliding windows over series and token streams, the character vocabulary, sampling. */
class SequenceDataTest {

    @Test
    void imagesBecomeSequencesOfRows() {
        Tensor flat = Tensor.arange(2 * 6).reshape(2, 6);
        TensorDataset seq = ImageSequences.rows(new TensorDataset(flat, new Tensor(new float[] {0f, 1f}, 2)), 2, 3);
        assertThat(seq.features().shape()).containsExactly(2, 2, 3);
        assertThat(seq.features().get(1, 1, 0)).isEqualTo(9f); // image 1, row 1, column 0
        assertThatThrownBy(() ->
                        ImageSequences.rows(new TensorDataset(flat, new Tensor(new float[] {0f, 1f}, 2)), 2, 2))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("have 6 values each, not 2x2 = 4");
    }

    @Test
    void seriesWindowsHoldThePastAndTheNextValuesOfTheTarget() {
        // two columns: t and 10·t
        float[] v = new float[8 * 2];
        for (int t = 0; t < 8; t++) {
            v[2 * t] = t;
            v[2 * t + 1] = 10 * t;
        }
        TensorDataset w = SlidingWindows.series(new Tensor(v, 8, 2), 3, 2, 1, 1);
        assertThat(w.size()).isEqualTo(8 - 3 - 2 + 1);
        assertThat(w.features().shape()).containsExactly(4, 3, 2);
        assertThat(w.features().get(1, 0, 0)).isEqualTo(1f); // window 1 starts at t = 1
        assertThat(w.features().get(1, 2, 1)).isEqualTo(30f); // its last step, second column
        assertThat(w.targets().shape()).containsExactly(4, 2);
        assertThat(w.targets().get(1, 0)).isEqualTo(40f); // the next two values of column 1: t = 4, 5
        assertThat(w.targets().get(1, 1)).isEqualTo(50f);
        assertThat(SlidingWindows.series(Tensor.arange(10), 4, 1, 0, 3).size()).isEqualTo(2); // starts 0 and 3
        assertThatThrownBy(() -> SlidingWindows.series(Tensor.arange(4), 4, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a series of 4 steps is too short for a window of 4 plus a horizon of 1");
        assertThatThrownBy(() -> SlidingWindows.series(Tensor.arange(9), 0, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be >= 1");
    }

    @Test
    void tokenWindowsPredictTheNextToken() {
        CharVocabulary vocab = CharVocabulary.of("abcab");
        int[] ids = vocab.encode("abcab");
        TensorDataset d = SlidingWindows.tokens(ids, 2, 1);
        assertThat(d.features().shape()).containsExactly(3, 2);
        assertThat(d.targets().shape()).containsExactly(3);
        assertThat(d.features().toArray()).containsExactly(0, 1, 1, 2, 2, 0);
        assertThat(d.targets().toArray()).containsExactly(2, 0, 1);
    }

    @Test
    void vocabularyIsSortedRoundTripsAndNamesUnknownCharacters() {
        CharVocabulary v = CharVocabulary.of("hello world\n");
        assertThat(v.symbols()).isEqualTo("\n dehlorw");
        assertThat(v.decode(v.encode("held"))).isEqualTo("held");
        assertThat(CharVocabulary.fromSymbols(v.symbols())).isEqualTo(v);
        assertThat(v.label(0)).isEqualTo("\\n");
        assertThat(v.label(1)).isEqualTo("' '");
        assertThatThrownBy(() -> v.encode("hex"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character x at position 2 is not in the vocabulary");
        assertThatThrownBy(() -> CharVocabulary.fromSymbols("ba")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CharVocabulary.of(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void samplingFollowsTheTemperature() {
        float[] logits = {0f, 1f, 2f};
        assertThat(Sampling.sample(logits, 0, 3, 0, new Generator(1))).isEqualTo(2);
        int[] counts = new int[3], coldCounts = new int[3];
        Generator gen = new Generator(7);
        for (int i = 0; i < 20000; i++) {
            counts[Sampling.sample(logits, 0, 3, 1.0, gen)]++;
            coldCounts[Sampling.sample(logits, 0, 3, 0.25, gen)]++;
        }
        double z = 1 + Math.E + Math.E * Math.E;
        assertThat(counts[2] / 20000.0).isCloseTo(Math.E * Math.E / z, org.assertj.core.data.Offset.offset(0.015));
        assertThat(counts[0] / 20000.0).isCloseTo(1 / z, org.assertj.core.data.Offset.offset(0.015));
        assertThat(coldCounts[2]).isGreaterThan(counts[2]); // colder: more of the likeliest
        assertThat(Sampling.sample(new float[] {5f, 0f, 9f}, 1, 2, 1e-3, gen)).isEqualTo(1); // offset: scores 0 and 9
        assertThatThrownBy(() -> Sampling.sample(logits, 0, 3, -1, gen))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature");
    }

    @Test
    void topKDrawsOnlyAmongTheKLargestScoresInProportionToTheirProbabilities() {
        float[] logits = {0f, 3f, 1f, 2f, 2f - 1e-6f};
        Generator gen = new Generator(5);
        int[] counts = new int[5];
        for (int i = 0; i < 6000; i++) counts[Sampling.sample(logits, 0, 5, 1.0, 2, gen)]++;
        assertThat(counts[0] + counts[2] + counts[4]).isZero();
        // between scores 3 and 2: e / (e + 1) = 0.731 of the draws
        assertThat(counts[1] / 6000.0).isCloseTo(Math.E / (Math.E + 1), org.assertj.core.data.Offset.offset(0.03));
        assertThat(Sampling.sample(logits, 0, 5, 1.0, 1, gen)).isEqualTo(1);
        assertThat(Sampling.sample(new float[] {1f, 1f, 0f}, 0, 3, 1.0, 1, new Generator(2)))
                .isLessThan(2); // ties at the k-th stay in
        assertThatThrownBy(() -> Sampling.sample(logits, 0, 5, 1.0, -1, gen)).hasMessageContaining("topK must be >= 0");
    }
}
