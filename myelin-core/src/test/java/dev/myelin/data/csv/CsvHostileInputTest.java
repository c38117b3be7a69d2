package dev.myelin.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV reader against the inputs of issue 18: column types decided by one row, byte-order marks, invalid
 * UTF-8, non-finite cells in prediction files, endless inputs and files too large for the heap.
 */
class CsvHostileInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String numbers(String first) {
        StringBuilder sb = new StringBuilder("x,y\n").append(first).append(",a\n");
        for (int i = 0; i < 50; i++)
            sb.append(i * 0.5).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        return sb.toString();
    }

    @Test
    void oneStrayCellInTheFirstRowDoesNotMakeANumericColumnCategorical() throws IOException {
        for (String stray : new String[] {"inf", "abc", "NaN"}) {
            Path f = write("stray.csv", numbers(stray));
            assertThatThrownBy(
                            () -> CsvReader.builder().labelColumn("y").build().read(f))
                    .isInstanceOf(CsvFormatException.class)
                    .hasMessage(f + ", line 2, column 'x': '" + stray
                            + "' is not a finite number, but 50 of the column's 51 cells are numbers;"
                            + " fix the cell, or declare the column categorical if it holds categories");
        }
        // the same cell further down is reported the same way
        Path later = write("later.csv", numbers("1") + "abc,a\n");
        assertThatThrownBy(() -> CsvReader.builder().labelColumn("y").build().read(later))
                .hasMessageContaining("line 53, column 'x': 'abc'");
    }

    @Test
    void aColumnOfMostlyTextIsCategoricalEvenWithSomeNumbers() throws IOException {
        Path f = write("codes.csv", "code,y\nA,a\nB,b\n7,a\nA,b\n");
        CsvDataset d = CsvReader.builder().labelColumn("y").build().read(f);
        assertThat(d.featureNames()).containsExactly("code_7", "code_A", "code_B");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
        Path f = dir.resolve("bom.csv");
        Files.write(f, ("\uFEFFlength,species\n1,a\n2,b\n").getBytes(StandardCharsets.UTF_8));
        CsvDataset d = CsvReader.builder().labelColumn("species").build().read(f);
        assertThat(d.featureNames()).containsExactly("length");
        assertThat(CsvReader.columns(f)).containsExactly("length", "species");
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, "name,y\nabc,1\nJos\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvReader.builder().labelColumn("y").build().read(f))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage(f + ", line 3: invalid UTF-8: byte 0xE9 at offset 16; save the file as UTF-8");
    }

    @Test
    void predictionFilesGetTheSameChecksAsTrainingFiles() throws IOException {
        for (String cell : new String[] {"NaN", "inf", "-Infinity", "", "1e39"}) {
            Path f = write("predict.csv", "a,b\n1,2\n3," + cell + "\n");
            assertThatThrownBy(() -> CsvReader.readNumeric(f, Set.of()))
                    .as(cell)
                    .isInstanceOf(CsvFormatException.class)
                    .hasMessageStartingWith(f + ", line 3, column 'b': ");
        }
        Path ok = write("ok.csv", "a,b,label\n1,2,x\n3,4,y\n");
        assertThat(CsvReader.readNumeric(ok, Set.of("label")).toArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anEndlessOrOversizedInputIsRefusedBeforeItFillsTheHeap() throws IOException {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero))
            assertThatThrownBy(
                            () -> CsvReader.builder().labelColumn("y").build().read(zero))
                    .isInstanceOf(IOException.class)
                    .hasMessage("/dev/zero: is a device, FIFO or socket, not a regular CSV file");
        assertThatThrownBy(() -> CsvReader.builder().labelColumn("y").build().read(dir))
                .hasMessageContaining("is a directory");

        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 2000; i++) sb.append("1,2,3\n");
        Path f = write("big.csv", sb.toString());
        assertThatThrownBy(() -> CsvReader.builder()
                        .labelColumn("y")
                        .memoryBudget(1 << 12)
                        .build()
                        .read(f))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("more than the 0 MiB a table may take");
        assertThatThrownBy(() -> CsvReader.builder()
                        .labelColumn("y")
                        .memoryBudget(300_000)
                        .build()
                        .read(f))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("too large to read: ")
                .hasMessageContaining("cells up to here");
    }
}
