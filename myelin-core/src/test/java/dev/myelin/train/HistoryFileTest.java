package dev.myelin.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Linear;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.csv is on disk after every epoch, and after the last it is the file History itself writes. */
class HistoryFileTest {
    @TempDir
    Path dir;

    @Test
    void everyEpochRewritesTheHistorySoFar() throws IOException {
        Path file = dir.resolve("history.csv");
        List<List<String>> seen = new ArrayList<>();
        Callback reader = new Callback() { // added after HistoryFile, so it runs after it
                    @Override
                    public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
                        try {
                            seen.add(Files.readAllLines(file));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                };
        Generator gen = new Generator(3);
        Linear model = new Linear(2, 1, true, gen);
        Tensor x = Tensor.randn(gen, 16, 2);
        DataLoader<dev.myelin.data.Batch> train = DataLoader.builder(
                        new TensorDataset(x, x.narrow(1, 0, 1).mul(3f)))
                .batchSize(8)
                .build();
        DataLoader<dev.myelin.data.Batch> val = DataLoader.builder(
                        new TensorDataset(x, x.narrow(1, 1, 1).copy()))
                .batchSize(8)
                .build();
        History history = Trainer.builder()
                .model(model)
                .loss(new MSELoss())
                .optimizer(new SGD(model.parameters(), 0.1))
                .epochs(4)
                .callback(new HistoryFile(file))
                .callback(reader)
                .build()
                .fit(train, val);

        assertThat(seen).hasSize(4);
        for (int e = 0; e < 4; e++) {
            assertThat(seen.get(e)).hasSize(e + 2); // the header and one line per finished epoch
            assertThat(seen.get(e).get(0)).isEqualTo(String.join(",", history.columns()));
            assertThat(seen.get(e).get(e + 1)).startsWith((e + 1) + ",");
        }
        Path whole = dir.resolve("whole.csv");
        history.writeCsv(whole);
        assertThat(Files.readString(file)).isEqualTo(Files.readString(whole));
    }
}
