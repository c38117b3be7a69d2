package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.csv.CsvDataset;
import dev.myelin.data.csv.CsvReader;
import dev.myelin.data.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training CSV's schema as stored in a model file: read back, it encodes files as the original did. */
class CsvSchemaJsonTest {
    @TempDir
    Path dir;

    @Test
    void roundTripEncodesTheSameWay() throws IOException {
        Path train = TestFiles.csv(dir.resolve("train.csv"), 50);
        CsvDataset d = CsvReader.builder().labelColumn("label").build().read(train);
        CsvSchema back = CsvSchemaJson.read(CsvSchemaJson.write(d.schema()), Path.of("m.safetensors"));
        assertThat(back.featureNames()).isEqualTo(d.schema().featureNames());
        assertThat(back.labelEncoder().classes())
                .isEqualTo(d.schema().labelEncoder().classes());
        assertThat(back.task()).isEqualTo(d.schema().task());
        assertThat(CsvReader.withSchema(back).read(train).features().toArray())
                .containsExactly(d.features().toArray());
    }

    @Test
    void aBrokenSchemaNamesTheModelFile() {
        Path model = Path.of("runs", "m.safetensors");
        assertThatThrownBy(() -> CsvSchemaJson.read("{not json", model))
                .hasMessageContaining("m.safetensors")
                .hasMessageContaining("not valid JSON");
        String noCategories = "{\"featureColumns\":[\"a\",\"b\"],\"categorical\":[false,true],\"labelColumn\":\"y\","
                + "\"task\":\"REGRESSION\"}";
        assertThatThrownBy(() -> CsvSchemaJson.read(noCategories, model))
                .hasMessageContaining("m.safetensors")
                .hasMessageContaining("incomplete");
        String badTask = "{\"featureColumns\":[\"a\"],\"categorical\":[false],\"labelColumn\":\"y\",\"task\":\"x\"}";
        assertThatThrownBy(() -> CsvSchemaJson.read(badTask, model)).hasMessageContaining("incomplete");
    }

    @Test
    void writesPlainLists() throws IOException {
        Path train = TestFiles.csv(dir.resolve("t.csv"), 20);
        String json = CsvSchemaJson.write(
                CsvReader.builder().labelColumn("label").build().read(train).schema());
        assertThat(json)
                .contains("\"featureColumns\":[\"x1\",\"color\",\"x2\"]")
                .contains("\"categories\":[[\"blue\",\"green\",\"red\"]]")
                .contains("\"classes\":[\"high\",\"low\"]");
    }
}
