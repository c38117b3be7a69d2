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

    /** A history with the default step's columns. */
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

    /** The columns of history.csv, in order: epoch, the logged values, seconds, samples_per_second. */
    public List<String> columns() {
        return columns;
    }

    public List<EpochLogs> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public EpochLogs last() {
        if (epochs.isEmpty()) throw new IllegalStateException("no epoch finished");
        return epochs.get(epochs.size() - 1);
    }

    /** Name of the default step's metric column ("accuracy", "mse"), or null when none was tracked (or the step is custom). */
    public String metricName() {
        return metricName;
    }

    void setStopReason(String reason) {
        this.stopReason = reason;
    }

    void setDiverged() {
        this.diverged = true;
    }

    /** Whether training stopped because a loss diverged: NaN, infinite, or past the bound on its growth (see {@link #stopReason()}). */
    public boolean diverged() {
        return diverged;
    }

    /** Why training ended before its last epoch (early stopping, NaN loss), or null. */
    public String stopReason() {
        return stopReason;
    }

    /** The epoch whose weights were kept by early stopping, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    void setBestEpoch(int epoch) {
        this.bestEpoch = epoch;
    }

    public double[] series(String name) {
        return epochs.stream().mapToDouble(e -> e.get(name)).toArray();
    }

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
