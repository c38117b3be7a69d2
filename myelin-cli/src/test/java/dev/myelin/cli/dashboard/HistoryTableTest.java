package dev.myelin.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.csv read while it may be written, and files that are no history at all. */
class HistoryTableTest {
    @Test
    void readsColumnsAndRowsWithNanAsNull() {
        HistoryTable t = HistoryTable.parse("epoch,loss,val_loss\n1,0.5,NaN\n2,0.25,\n");
        assertThat(t.columns()).containsExactly("epoch", "loss", "val_loss");
        assertThat(t.rows()).containsExactly(Arrays.asList(1.0, 0.5, null), Arrays.asList(2.0, 0.25, null));
        assertThat(t.problems()).isEmpty();
        assertThat(t.last("loss")).isEqualTo(0.25);
        assertThat(t.last("val_loss")).isNull();
        assertThat(t.last("no_such_column")).isNull();
    }

    @Test
    void aLastLineWithoutItsNewlineIsStillBeingWritten() {
        HistoryTable t = HistoryTable.parse("epoch,loss\n1,0.5\n2,0.2");
        assertThat(t.rows()).hasSize(1);
        assertThat(t.problems()).isEmpty();
        assertThat(HistoryTable.parse("epoch,lo").rows()).isEmpty();
        assertThat(HistoryTable.parse("").problems()).isEmpty();
    }

    @Test
    void badLinesAreLeftOutAndNamed() {
        HistoryTable t = HistoryTable.parse("epoch,loss\n1,0.5\n2,zero\n3\n4,0.1,9\n5,0.05\n");
        assertThat(t.rows()).extracting(r -> r.get(0)).containsExactly(1.0, 5.0);
        assertThat(t.problems()).hasSize(3);
        assertThat(t.problems().get(0)).contains("history.csv line 3", "expected 2 numbers", "2,zero");
    }

    @Test
    void aFileThatIsNoHistorySaysSo() {
        assertThat(HistoryTable.parse("a,b\n1,2\n").problems())
                .singleElement()
                .asString()
                .contains("no \"epoch\" column");
        HistoryTable quote = HistoryTable.parse("epoch,loss\n1,\"unclosed\n");
        assertThat(quote.rows()).isEmpty();
        assertThat(quote.problems()).singleElement().asString().contains("history.csv");
    }

    @Test
    void aMissingFileIsAnEmptyHistoryAndAHugeOneIsRefused(@TempDir Path dir) throws IOException {
        assertThat(HistoryTable.read(dir)).isEqualTo(HistoryTable.EMPTY);
        try (var f = new java.io.RandomAccessFile(dir.resolve("history.csv").toFile(), "rw")) {
            f.setLength(HistoryTable.MAX_BYTES + 1); // sparse: no disk used
        }
        assertThat(HistoryTable.read(dir).problems()).singleElement().asString().contains("larger than 32 MiB");
        Files.delete(dir.resolve("history.csv"));
    }
}
