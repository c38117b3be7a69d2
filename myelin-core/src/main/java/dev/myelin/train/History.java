package dev.myelin.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.myelin.OptionalDependency;
import dev.myelin.io.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Per-epoch logs of a fit, why it stopped, and writers for history.csv / history.json (atomic). */
public final class History {
    private final String metricName;
    private final List<String> columns;
    private final List<EpochLogs> epochs = new ArrayList<>();
    private String stopReason;
    private boolean diverged;
    private int bestEpoch = -1;

    /**
     * An empty history with the default step's columns.
     *
     * @param metricName the default step's metric name, e.g. "accuracy", or null
     */
    public History(String metricName) {
        this(metricName, EpochLogs.SUPERVISED);
    }

    /** @param names the values every epoch logs, in column order */
    History(String metricName, List<String> names) {
        this.metricName = metricName;
        List<String> c = new ArrayList<>();
        c.add("epoch");
        c.addAll(names);
        c.add("seconds");
        c.add("samples_per_second");
        this.columns = List.copyOf(c);
    }

    void add(EpochLogs logs) {
        if (!new ArrayList<>(logs.asMap().keySet()).equals(columns))
            throw new IllegalArgumentException("History: epoch " + logs.epoch() + " logs "
                    + logs.asMap().keySet() + " but the columns are " + columns);
        epochs.add(logs);
    }

    /** {@return the columns of history.csv, in order: epoch, the logged values, seconds, samples_per_second} */
    public List<String> columns() {
        return columns;
    }

    /** {@return the logs of every finished epoch, in order (unmodifiable)} */
    public List<EpochLogs> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /**
     * {@return the logs of the last finished epoch}
     *
     * @throws IllegalStateException if no epoch finished
     */
    public EpochLogs last() {
        if (epochs.isEmpty()) throw new IllegalStateException("no epoch finished");
        return epochs.get(epochs.size() - 1);
    }

    /**
     * {@return the name of the default step's metric column ("accuracy", "mse"), or null when none was tracked (or
     * the step is custom)}
     */
    public String metricName() {
        return metricName;
    }

    void setStopReason(String reason) {
        this.stopReason = reason;
    }

    void setDiverged() {
        this.diverged = true;
    }

    /**
     * {@return whether training stopped because a loss diverged: NaN, infinite, or past the bound on its growth}
     * {@link #stopReason()} says which.
     */
    public boolean diverged() {
        return diverged;
    }

    /** {@return why training ended before its last epoch (early stopping, a diverged loss), or null} */
    public String stopReason() {
        return stopReason;
    }

    /** {@return the best epoch found by {@link EarlyStopping} (from 1), or -1 without early stopping} */
    public int bestEpoch() {
        return bestEpoch;
    }

    void setBestEpoch(int epoch) {
        this.bestEpoch = epoch;
    }

    /**
     * Reads one column over the epochs, e.g. for a plot.
     *
     * @param name a logged name or an alias, as {@link EpochLogs#get}
     * @return its value for each finished epoch, in order
     * @throws IllegalArgumentException if the name is not logged
     */
    public double[] series(String name) {
        return epochs.stream().mapToDouble(e -> e.get(name)).toArray();
    }

    /**
     * Writes history.csv atomically: a header of {@link #columns()}, then one row per epoch.
     *
     * @param file the file to write (replaced)
     * @throws IllegalStateException if the optional commons-csv jar is not on the class path
     * @throws IOException if the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        OptionalDependency.COMMONS_CSV.require("History.writeCsv");
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(columns.toArray(String[]::new))
                        .get())) {
            for (EpochLogs e : epochs) csv.printRecord(e.asMap().values());
        }
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes history.json atomically: the metric name, best epoch, stop reason and every epoch's logs.
     *
     * @param file the file to write (replaced)
     * @throws IOException if the file cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metric", metricName);
        root.put("best_epoch", bestEpoch);
        root.put("stop_reason", stopReason);
        root.put("epochs", epochs.stream().map(EpochLogs::asMap).toList());
        byte[] json =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        AtomicFiles.write(file, json);
    }
}
