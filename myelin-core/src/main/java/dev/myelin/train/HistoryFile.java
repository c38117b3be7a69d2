package dev.myelin.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Rewrites a history.csv after every epoch (atomically, with {@link History#writeCsv}), so that a dashboard or a
 * {@code tail} sees a run while it trains, not only when it ends. A resumed fit writes the epochs it runs itself;
 * the complete history is the one the caller writes at the end.
 */
public final class HistoryFile implements Callback {
    private final Path file;
    private History history;

    /**
     * A callback rewriting {@code file} after every epoch; a write failure ends the fit with an
     * {@link java.io.UncheckedIOException} naming the file.
     *
     * @param file the history.csv to write
     */
    public HistoryFile(Path file) {
        this.file = file;
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
        if (history == null)
            history = new History(null, new ArrayList<>(logs.values().keySet()));
        history.add(logs);
        try {
            history.writeCsv(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
