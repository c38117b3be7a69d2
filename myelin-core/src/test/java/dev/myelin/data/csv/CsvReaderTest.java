package dev.myelin.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static final String FLOWERS = """
            length,color,width,species
            1.5,red,0.25,setosa
            2,blue,1,virginica
            3.25,red,-2,versicolor
            0.5,green,4e-1,setosa
            """;

    @Test
    void readColumnsTakesNamedNumericColumnsAsTheyAre() throws IOException {
        Path f = write(
                "series.csv",
                "date,temp,wind\n2010/01/01 00:00,39.4,3\n2010/01/01 01:00,39.2,4\n2010/01/01 02:00,39,5\n");
        assertThat(CsvReader.builder().build().readColumns(f, List.of("temp")).toArray())
                .containsExactly(39.4f, 39.2f, 39f);
        assertThat(CsvReader.builder()
                        .build()
                        .readColumns(f, List.of("wind", "temp"))
                        .shape())
                .containsExactly(3, 2);
        assertThatThrownBy(() -> CsvReader.builder().build().readColumns(f, List.of("rain")))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("column 'rain' not found; available columns: [date, temp, wind]");
        assertThatThrownBy(() -> CsvReader.builder().build().readColumns(f, List.of("date")))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("is not a finite number");
    }

    @Test
    void numericAndCategoricalFeaturesWithEncodedLabels() throws IOException {
        CsvDataset d = CsvReader.builder().labelColumn("species").build().read(write("flowers.csv", FLOWERS));
        // Columns in file order: length, color one-hot (blue, green, red), width.
        assertThat(d.featureNames()).containsExactly("length", "color_blue", "color_green", "color_red", "width");
        assertThat(d.features().shape()).containsExactly(4, 5);
        assertThat(d.features().toArray())
                .containsExactly(1.5f, 0, 0, 1, 0.25f, 2, 1, 0, 0, 1, 3.25f, 0, 0, 1, -2, 0.5f, 0, 1, 0, 0.4f);
        assertThat(d.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.targets().toArray()).containsExactly(0, 2, 1, 0);
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.get(1).target().item()).isEqualTo(2);
    }

    @Test
    void labelByIndexAndRegressionTargets() throws IOException {
        Path f = write("houses.csv", "price,rooms,area\n100.5,3,70\n250,5,120.25\n");
        CsvDataset d =
                CsvReader.builder().labelColumn(0).task(Task.REGRESSION).build().read(f);
        assertThat(d.featureNames()).containsExactly("rooms", "area");
        assertThat(d.features().toArray()).containsExactly(3, 70, 5, 120.25f);
        assertThat(d.targets().shape()).containsExactly(2, 1);
        assertThat(d.targets().toArray()).containsExactly(100.5f, 250);
        // Default label: the last column.
        assertThat(CsvReader.builder()
                        .task(Task.REGRESSION)
                        .build()
                        .read(f)
                        .schema()
                        .labelColumn())
                .isEqualTo("area");
    }

    @Test
    void schemaIsReusedAtPredictTime() throws IOException {
        CsvDataset train = CsvReader.builder().labelColumn("species").build().read(write("train.csv", FLOWERS));
        Path later = write("later.csv", "length,color,width,species\n9,green,1,virginica\n");
        CsvDataset d = CsvReader.withSchema(train.schema()).read(later);
        assertThat(d.features().toArray()).containsExactly(9, 0, 1, 0, 1);
        assertThat(d.targets().toArray()).containsExactly(2);
        Path unknown = write("unknown.csv", "length,color,width,species\n9,purple,1,setosa\n");
        assertThatThrownBy(() -> CsvReader.withSchema(train.schema()).read(unknown))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("unknown.csv")
                .hasMessageContaining("unknown category 'purple'");
    }

    @Test
    void featuresForPredictionNeedNoLabelAndSkipIgnoredColumns() throws IOException {
        CsvDataset train = CsvReader.builder().labelColumn("species").build().read(write("train.csv", FLOWERS));
        CsvReader reader = CsvReader.withSchema(train.schema());
        Path noLabel = write("nolabel.csv", "length,color,width\n9,green,1\n");
        assertThat(reader.readFeatures(noLabel, Set.of()).toArray()).containsExactly(9, 0, 1, 0, 1);
        Path extra = write("extra.csv", "id,length,color,width,species\n4,9,green,1,?\n");
        assertThat(reader.readFeatures(extra, Set.of("id")).toArray()).containsExactly(9, 0, 1, 0, 1);
        assertThatThrownBy(() -> reader.readFeatures(extra, Set.of()))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("[id, length, color, width]")
                .hasMessageContaining("differ from the schema");
        assertThatThrownBy(() -> reader.readFeatures(extra, Set.of("nope")))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("'nope'");
        assertThatThrownBy(
                        () -> CsvReader.builder().labelColumn("species").build().readFeatures(noLabel, Set.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTaskIsInferredFromTheLabelsAsScikitLearnDoes() throws IOException {
        assertThat(Task.infer(List.of("1.5", "2", "3"))).isEqualTo(Task.REGRESSION); // continuous
        assertThat(Task.infer(List.of("1", "2", "3.0"))).isEqualTo(Task.CLASSIFICATION); // whole numbers
        assertThat(Task.infer(List.of("0.5", "cat"))).isEqualTo(Task.CLASSIFICATION); // not all numbers
        assertThat(Task.infer(List.of("1.5", "NaN"))).isEqualTo(Task.CLASSIFICATION);
        Path prices = write("prices.csv", "area,kind,price\n50,flat,120.5\n80,house,210.25\n65,flat,150\n");
        CsvDataset d =
                CsvReader.builder().labelColumn("price").inferTask().build().read(prices);
        assertThat(d.schema().task()).isEqualTo(Task.REGRESSION);
        assertThat(d.targets().toArray()).containsExactly(120.5f, 210.25f, 150f);
        CsvDataset flowers =
                CsvReader.builder().labelColumn("species").inferTask().build().read(write("f.csv", FLOWERS));
        assertThat(flowers.schema().task()).isEqualTo(Task.CLASSIFICATION);
        // stated, it wins: whole-number regression targets
        CsvDataset counts = CsvReader.builder()
                .labelColumn("price")
                .task(Task.REGRESSION)
                .build()
                .read(write("counts.csv", "a,price\n1,3\n2,5\n"));
        assertThat(counts.schema().task()).isEqualTo(Task.REGRESSION);
    }

    @Test
    void declaredCategoricalColumnsAreOneHotEvenIfNumeric() throws IOException {
        Path f = write("zip.csv", "zip,size,y\n10115,1,a\n80331,2,b\n10115,3,a\n");
        CsvDataset d = CsvReader.builder()
                .labelColumn("y")
                .categoricalColumns("zip")
                .build()
                .read(f);
        assertThat(d.featureNames()).containsExactly("zip_10115", "zip_80331", "size");
    }

    @Test
    void missingValueIsReportedWithFileLineAndColumn() throws IOException {
        Path f = write("holes.csv", "a,b,label\n1,2,x\n3,,y\n");
        assertThatThrownBy(
                        () -> CsvReader.builder().labelColumn("label").build().read(f))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("holes.csv")
                .hasMessageContaining("line 3")
                .hasMessageContaining("column 'b'")
                .hasMessageContaining("missing value");
        Path noLabel = write("nolabel.csv", "a,label\n1,x\n2,\n");
        assertThatThrownBy(
                        () -> CsvReader.builder().labelColumn("label").build().read(noLabel))
                .hasMessageContaining("line 3")
                .hasMessageContaining("column 'label'")
                .hasMessageContaining("missing value");
    }

    @Test
    void nonNumericCellInNumericColumnIsReported() throws IOException {
        // A quoted field spanning two lines shifts the following line numbers; the reported line is still right.
        Path f = write("bad.csv", "a,note,label\n1,\"two\nlines\",x\n2,ok,y\n3O,ok,x\n");
        assertThatThrownBy(
                        () -> CsvReader.builder().labelColumn("label").build().read(f))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("bad.csv")
                .hasMessageContaining("line 5")
                .hasMessageContaining("column 'a'")
                .hasMessageContaining("'3O' is not a finite number");
        Path target = write("target.csv", "a,y\n1,2.5\n2,high\n");
        assertThatThrownBy(() -> CsvReader.builder()
                        .labelColumn("y")
                        .task(Task.REGRESSION)
                        .build()
                        .read(target))
                .hasMessageContaining("line 3")
                .hasMessageContaining("column 'y'")
                .hasMessageContaining("'high' is not a finite number");
    }

    @Test
    void unknownLabelColumnListsTheAvailableColumns() throws IOException {
        Path f = write("flowers.csv", FLOWERS);
        assertThatThrownBy(
                        () -> CsvReader.builder().labelColumn("class").build().read(f))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("flowers.csv")
                .hasMessageContaining("label column 'class' not found")
                .hasMessageContaining("[length, color, width, species]");
        assertThatThrownBy(() -> CsvReader.builder().labelColumn(7).build().read(f))
                .hasMessageContaining("index 7 is out of range");
    }

    @Test
    void raggedRowsAndEmptyFilesAreReported() throws IOException {
        Path ragged = write("ragged.csv", "a,b,label\n1,2,x\n3,y\n");
        assertThatThrownBy(
                        () -> CsvReader.builder().labelColumn("label").build().read(ragged))
                .hasMessageContaining("line 3")
                .hasMessageContaining("2 cells, the header has 3");
        Path empty = write("empty.csv", "a,b\n");
        assertThatThrownBy(() -> CsvReader.builder().build().read(empty)).hasMessageContaining("no data rows");
    }
}
