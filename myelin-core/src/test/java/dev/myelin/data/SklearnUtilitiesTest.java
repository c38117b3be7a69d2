package dev.myelin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.data.preprocessing.LabelEncoder;
import dev.myelin.data.preprocessing.MinMaxScaler;
import dev.myelin.data.preprocessing.OneHotEncoder;
import dev.myelin.data.preprocessing.StandardScaler;
import dev.myelin.data.split.ArraySplit;
import dev.myelin.data.split.IndexSplit;
import dev.myelin.data.split.KFold;
import dev.myelin.data.split.Splits;
import dev.myelin.data.split.StratifiedKFold;
import dev.myelin.metrics.ClassificationReport;
import dev.myelin.tensor.Generator;
import dev.myelin.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared utilities against scikit-learn 1.2's outputs (src/test/python/sklearn_utilities.py), on the arrays the estimators use. */
class SklearnUtilitiesTest {
    static final JsonNode F = Fixtures.load("sklearn_utilities");

    @Test
    void stratifiedKFoldGivesScikitLearnsFolds() {
        for (JsonNode c : F.get("stratified_kfold")) {
            List<IndexSplit> folds = new StratifiedKFold(c.get("n_splits").asInt()).split(ints(c.get("y")));
            for (int k = 0; k < folds.size(); k++)
                assertThat(folds.get(k).test())
                        .as("fold %d of %s", k, c.get("y"))
                        .containsExactly(ints(c.get("test_folds").get(k)));
        }
    }

    @Test
    void kFoldGivesScikitLearnsFolds() {
        for (JsonNode c : F.get("kfold")) {
            List<IndexSplit> folds =
                    new KFold(c.get("n_splits").asInt()).split(c.get("n").asInt());
            for (int k = 0; k < folds.size(); k++)
                assertThat(folds.get(k).test())
                        .containsExactly(ints(c.get("test_folds").get(k)));
        }
    }

    @Test
    void splitSizesAndStratifiedAllocationAreScikitLearns() {
        for (JsonNode c : F.get("split_sizes")) {
            int n = c.get("n").asInt();
            IndexSplit s = Splits.trainTestIndices(n, c.get("test_size").asDouble(), new Generator(1), null);
            assertThat(new int[] {s.train().length, s.test().length})
                    .as("n=%d", n)
                    .containsExactly(c.get("n_train").asInt(), c.get("n_test").asInt());
        }
        for (JsonNode c : F.get("stratified_split")) {
            int[] counts = ints(c.get("class_counts"));
            List<Integer> y = new ArrayList<>();
            for (int k = 0; k < counts.length; k++) for (int i = 0; i < counts[k]; i++) y.add(k);
            int[] labels = y.stream().mapToInt(Integer::intValue).toArray();
            float[][] x = new float[labels.length][1];
            for (int i = 0; i < x.length; i++) x[i][0] = i;
            for (long seed = 0; seed < 5; seed++) {
                ArraySplit s =
                        Splits.trainTestSplit(x, labels, c.get("test_size").asDouble(), seed, true);
                assertThat(bincount(s.yTrain(), counts.length))
                        .as("train %s", c)
                        .containsExactly(ints(c.get("train_counts")));
                assertThat(bincount(s.yTest(), counts.length))
                        .as("test %s", c)
                        .containsExactly(ints(c.get("test_counts")));
                for (int i = 0; i < s.yTest().length; i++)
                    assertThat(labels[(int) s.xTest()[i][0]]).isEqualTo(s.yTest()[i]);
            }
        }
    }

    @Test
    void classificationReportIsScikitLearnsText() {
        for (JsonNode c : F.get("classification_report"))
            assertThat(ClassificationReport.of(
                            ints(c.get("y_true")),
                            ints(c.get("y_pred")),
                            null,
                            c.get("digits").asInt()))
                    .isEqualTo(c.get("text").asText());
        JsonNode s = F.get("classification_report_strings");
        assertThat(ClassificationReport.of(
                        strings(s.get("y_true")),
                        strings(s.get("y_pred")),
                        s.get("digits").asInt()))
                .isEqualTo(s.get("text").asText());
    }

    @Test
    void standardScalerOnConstantFeaturesIsScikitLearns() {
        JsonNode c = F.get("standard_scaler");
        float[][] x = matrix(c.get("x"));
        StandardScaler s = new StandardScaler().fit(x);
        assertThat(toDoubles(s.scale().toArray())).containsExactly(Fixtures.doubles(c.get("scale")), within(1e-6));
        assertThat(toDoubles(s.var().toArray()))
                .containsExactly(Fixtures.doubles(c.get("var")), within(1e-6)); // float32 tensor
        float[][] t = s.transform(x);
        for (int i = 0; i < x.length; i++)
            assertThat(t[i]).containsExactly(Fixtures.floats(c.get("transform").get(i)), within(2e-4f));
        assertThat(s.inverseTransform(t)[1]).containsExactly(x[1], within(1e-3f));
        assertThatThrownBy(() -> s.transform(new float[][] {{1}})).hasMessageContaining("X has 1 features");
    }

    @Test
    void minMaxScalerOnConstantFeaturesIsScikitLearns() {
        JsonNode m = F.get("min_max_scaler");
        float[][] x = matrix(m.get("x"));
        for (JsonNode c : m.get("cases")) {
            MinMaxScaler s = new MinMaxScaler(
                            c.get("feature_range").get(0).asDouble(),
                            c.get("feature_range").get(1).asDouble())
                    .fit(x);
            assertThat(toDoubles(s.scale().toArray())).containsExactly(Fixtures.doubles(c.get("scale")), within(1e-3));
            float[][] t = s.transform(x);
            for (int i = 0; i < x.length; i++)
                assertThat(t[i])
                        .containsExactly(Fixtures.floats(c.get("transform").get(i)), within(1e-5f));
        }
    }

    @Test
    void encodersAreScikitLearns() {
        JsonNode le = F.get("label_encoder");
        LabelEncoder<String> e = new LabelEncoder<String>().fit(strings(le.get("labels")));
        assertThat(e.classes()).containsExactly(strings(le.get("classes")));
        assertThat(e.transform(strings(le.get("labels")))).containsExactly(ints(le.get("codes")));
        Integer[] boxed = java.util.Arrays.stream(ints(le.get("ints"))).boxed().toArray(Integer[]::new);
        LabelEncoder<Integer> ei = new LabelEncoder<Integer>().fit(boxed);
        assertThat(ei.classes())
                .containsExactly(java.util.Arrays.stream(ints(le.get("int_classes")))
                        .boxed()
                        .toArray(Integer[]::new));
        assertThat(ei.transform(boxed)).containsExactly(ints(le.get("int_codes")));
        assertThat(le.get("unfitted_classes_raises").asBoolean()).isTrue();
        assertThatThrownBy(() -> new LabelEncoder<String>().classes()).hasMessageContaining("not fitted");

        JsonNode oh = F.get("one_hot_encoder");
        float[][] x = matrix(oh.get("x"));
        OneHotEncoder o = new OneHotEncoder().fit(x);
        for (int j = 0; j < x[0].length; j++)
            assertThat(o.numericCategories().get(j))
                    .containsExactly(Fixtures.floats(oh.get("categories").get(j)));
        float[][] t = o.transform(x);
        for (int i = 0; i < x.length; i++)
            assertThat(t[i]).containsExactly(Fixtures.floats(oh.get("transform").get(i)));
        float[][] unknown = matrix(oh.get("unknown"));
        assertThatThrownBy(() -> o.transform(unknown)).hasMessageContaining("unknown category '7.0' in column 1");
        float[][] ignored =
                new OneHotEncoder(OneHotEncoder.HandleUnknown.IGNORE).fit(x).transform(unknown);
        for (int i = 0; i < unknown.length; i++)
            assertThat(ignored[i])
                    .containsExactly(Fixtures.floats(oh.get("unknown_ignored").get(i)));
    }

    static int[] bincount(int[] y, int k) {
        int[] c = new int[k];
        for (int v : y) c[v]++;
        return c;
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    static String[] strings(JsonNode a) {
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asText();
        return out;
    }

    static float[][] matrix(JsonNode a) {
        float[][] out = new float[a.size()][];
        for (int i = 0; i < out.length; i++) out[i] = Fixtures.floats(a.get(i));
        return out;
    }

    static double[] toDoubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
