package dev.myelin.cli;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.csv.CsvReader;
import dev.myelin.data.preprocessing.StandardScaler;
import dev.myelin.data.sequence.CharVocabulary;
import dev.myelin.data.sequence.SlidingWindows;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Sequence data sets of {@code --data}: windows over a CSV time series ({@code csv:FILE --label COL --window N}) and
 * character-level text ({@code text:FILE}). Both are split in time, not at random: the last {@link #TEST_FRACTION}
 * is the test part (overlapping windows on both sides of a random split would leak the test values into training).
 * Rows are flat, as all data the CLI feeds a model: a window of a series is [window] values, a text example
 * [window] character ids.
 */
final class SequenceSources {
    static final double TEST_FRACTION = 0.2;

    private SequenceSources() {}

    /**
     * Windows of {@code window} values of {@code column} with the next {@code horizon} values as targets, standardized
     * with the statistics of the training part.
     */
    static LoadedData series(Path file, String column, int window, int horizon) throws IOException {
        if (column == null)
            throw new IllegalArgumentException(
                    "csv:" + file + " with --window needs --label COLUMN: the series to forecast");
        Tensor values = CsvReader.builder().build().readColumns(file, List.of(column));
        int steps = values.size(0), trainSteps = steps - (int) Math.round(TEST_FRACTION * steps);
        if (trainSteps < window + horizon || steps - trainSteps < horizon)
            throw new IllegalArgumentException(
                    "csv:" + file + " has " + steps + " rows, too few for --window " + window + " and --horizon "
                            + horizon + ": the first " + trainSteps
                            + " rows (training) need window + horizon rows and the last " + (steps - trainSteps)
                            + " (test) at least horizon rows");
        StandardScaler scaler = new StandardScaler()
                .fit(new Tensor(values.narrow(0, 0, trainSteps).toArray(), trainSteps, 1));
        Tensor scaled = scaler.transform(values);
        TensorDataset train = flat(SlidingWindows.series(scaled.narrow(0, 0, trainSteps), window, horizon, 0, 1));
        // test windows reach back into the training rows for their inputs; their targets are all test rows
        TensorDataset test = flat(SlidingWindows.series(
                scaled.narrow(0, trainSteps - window, steps - trainSteps + window), window, horizon, 0, 1));
        SeriesLayout layout = new SeriesLayout(
                column, window, horizon, scaler.mean().get(0), scaler.scale().get(0));
        return new LoadedData("csv:" + file, train, test, false, List.of(), horizon, null, null, layout, null);
    }

    /** Every window of {@code window} characters with the next character as its class. */
    static LoadedData text(Path file, int window) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("text:" + file + " is not a file");
        String text;
        try {
            text = new String(StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                            .array())
                    .replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new IOException("text:" + file + " is not UTF-8 text");
        }
        CharVocabulary vocabulary = CharVocabulary.of(text);
        int[] ids = vocabulary.encode(text);
        int trainLength = ids.length - (int) Math.round(TEST_FRACTION * ids.length);
        if (trainLength < window + 1 || ids.length - trainLength < 1)
            throw new IllegalArgumentException(
                    "text:" + file + " has " + ids.length + " characters, too few for --window " + window
                            + ": the first " + trainLength + " (training) need window + 1");
        TensorDataset train = SlidingWindows.tokens(Arrays.copyOfRange(ids, 0, trainLength), window, 1);
        TensorDataset test =
                SlidingWindows.tokens(Arrays.copyOfRange(ids, trainLength - window, ids.length), window, 1);
        List<String> classes = IntStream.range(0, vocabulary.size())
                .mapToObj(vocabulary::label)
                .toList();
        return new LoadedData(
                "text:" + file, train, test, true, classes, vocabulary.size(), null, null, null, vocabulary);
    }

    /** [N, window, 1] windows of one column as rows [N, window]. */
    private static TensorDataset flat(TensorDataset windows) {
        return new TensorDataset(windows.features().reshape(windows.size(), -1), windows.targets());
    }
}
