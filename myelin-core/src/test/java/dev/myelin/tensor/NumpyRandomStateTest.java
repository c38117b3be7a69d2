package dev.myelin.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** numpy 1.24's legacy RandomState, output for output (src/test/python/numpy_random_state.py). */
class NumpyRandomStateTest {
    static final JsonNode F = Fixtures.load("numpy_random_state");

    @Test
    void integerSeedsGiveNumpysRawOutputsAcrossRegenerations() {
        for (JsonNode c : F.get("raw")) {
            NumpyRandomState rs = new NumpyRandomState(c.get("seed").asLong());
            long[] draws = new long[1300];
            for (int i = 0; i < draws.length; i++) draws[i] = rs.nextUint32();
            assertThat(slice(draws, 0, 8)).as("seed %s", c.get("seed")).containsExactly(longs(c.get("first")));
            assertThat(slice(draws, 620, 10)).containsExactly(longs(c.get("at620")));
            assertThat(slice(draws, 1245, 5)).containsExactly(longs(c.get("at1245")));
        }
    }

    @Test
    void arraySeedsGiveNumpysRawOutputs() {
        for (JsonNode c : F.get("raw_array_seed")) {
            NumpyRandomState rs = new NumpyRandomState(longs(c.get("key")));
            long[] draws = new long[630];
            for (int i = 0; i < draws.length; i++) draws[i] = rs.nextUint32();
            assertThat(slice(draws, 0, 8))
                    .as("key of %d words", c.get("key").size())
                    .containsExactly(longs(c.get("first")));
            assertThat(slice(draws, 620, 10)).containsExactly(longs(c.get("at620")));
        }
    }

    @Test
    void permutationsAreNumpys() {
        for (JsonNode c : F.get("permutation"))
            assertThat(new NumpyRandomState(c.get("seed").asLong())
                            .permutation(c.get("n").asInt()))
                    .as("seed %s, n %s", c.get("seed"), c.get("n"))
                    .containsExactly(ints(c.get("permutation")));
        JsonNode c = F.get("consecutive");
        NumpyRandomState rs = new NumpyRandomState(c.get("seed").asLong());
        for (int k = 0; k < c.get("sizes").size(); k++)
            assertThat(rs.permutation(c.get("sizes").get(k).asInt()))
                    .as("draw %d in a row", k)
                    .containsExactly(ints(c.get("permutations").get(k)));
    }

    @Test
    void choiceWithoutReplacementIsNumpys() {
        for (JsonNode c : F.get("choice"))
            assertThat(new NumpyRandomState(c.get("seed").asLong())
                            .choiceWithoutReplacement(
                                    ints(c.get("pool")), c.get("size").asInt()))
                    .as("seed %s", c.get("seed"))
                    .containsExactly(ints(c.get("choice")));
    }

    @Test
    void intervalStaysInRangeAndRejectsBadBounds() {
        NumpyRandomState rs = new NumpyRandomState(5);
        int[] seen = new int[6];
        for (int i = 0; i < 600; i++) seen[(int) rs.interval(5)]++;
        assertThat(seen).doesNotContain(0);
        assertThat(rs.interval(0)).isZero();
        assertThatThrownBy(() -> rs.interval(-1)).hasMessageContaining("max must be in [0, 2^32 - 1], got -1");
    }

    @Test
    void seedsOutsideNumpysRangeAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new NumpyRandomState(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 2^32 - 1")
                .hasMessageContaining("got -1");
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).hasMessageContaining("got 4294967296");
        assertThatThrownBy(() -> new NumpyRandomState(new long[0])).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> new NumpyRandomState(new long[] {3, -2})).hasMessageContaining("[3, -2]");
        assertThatThrownBy(() -> new NumpyRandomState(1).choiceWithoutReplacement(new int[3], 4))
                .hasMessageContaining("cannot take 4 samples without replacement from a population of 3");
    }

    static long[] slice(long[] a, int from, int len) {
        long[] out = new long[len];
        System.arraycopy(a, from, out, 0, len);
        return out;
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asLong();
        return out;
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }
}
