package dev.myelin.data.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderTest {
    @Test
    void labelEncoderSortsClassesLikeSklearn() {
        LabelEncoder<String> e = new LabelEncoder<String>().fit(List.of("paris", "paris", "tokyo", "amsterdam"));
        assertThat(e.classes()).containsExactly("amsterdam", "paris", "tokyo");
        assertThat(e.transform(List.of("tokyo", "tokyo", "paris"))).containsExactly(2, 2, 1);
        assertThat(e.transformToTensor(List.of("amsterdam", "tokyo")).toArray()).containsExactly(0, 2);
        assertThat(e.inverseTransform(new int[] {2, 2, 1})).containsExactly("tokyo", "tokyo", "paris");
        assertThat(e.inverseTransform(Tensor.fromArray(new float[] {0, 1}))).containsExactly("amsterdam", "paris");
        LabelEncoder<Integer> ints = LabelEncoder.ofInts(10, 2, 2, 6);
        assertThat(ints.classes()).containsExactly(2, 6, 10); // numeric order, not "10" < "2"
        assertThat(ints.transform(List.of(1 + 1, 6, 10))).containsExactly(0, 1, 2);
        assertThat(ints.numClasses()).isEqualTo(3);
    }

    @Test
    void labelEncoderRejectsUnseenLabelsAndBadIndices() {
        LabelEncoder<String> e = new LabelEncoder<String>().fit(List.of("a", "b"));
        assertThatThrownBy(() -> e.transform(List.of("a", "c", "d", "c")))
                .hasMessageContaining("previously unseen labels [c, d]")
                .hasMessageContaining("[a, b]");
        assertThatThrownBy(() -> e.inverseTransform(new int[] {2}))
                .hasMessageContaining("class index 2 is out of range 0..1");
        assertThatThrownBy(() -> new LabelEncoder<String>().classes()).hasMessageContaining("not fitted yet");
    }

    @Test
    void oneHotEncoderEncodesEachColumnWithSortedCategories() {
        List<String[]> rows = List.of(new String[] {"red", "S"}, new String[] {"blue", "M"}, new String[] {"red", "L"});
        OneHotEncoder e = new OneHotEncoder().fit(rows);
        assertThat(e.categories()).containsExactly(List.of("blue", "red"), List.of("L", "M", "S"));
        Tensor t = e.transform(rows);
        assertThat(t.shape()).containsExactly(3, 5);
        assertThat(t.toArray()).containsExactly(0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0);
        assertThat(e.inverseTransform(t)).containsExactly(rows.toArray(new String[0][]));
        assertThat(e.featureNamesOut(List.of("color", "size")))
                .containsExactly("color_blue", "color_red", "size_L", "size_M", "size_S");
        assertThatThrownBy(() -> e.transform(List.<String[]>of(new String[] {"green", "S"})))
                .hasMessageContaining("unknown category 'green' in column 0")
                .hasMessageContaining("[blue, red]");
        OneHotEncoder ignore = OneHotEncoder.withCategories(e.categories(), OneHotEncoder.HandleUnknown.IGNORE);
        assertThat(ignore.transform(List.<String[]>of(new String[] {"green", "S"}))
                        .toArray())
                .containsExactly(0, 0, 0, 0, 1);
    }
}
