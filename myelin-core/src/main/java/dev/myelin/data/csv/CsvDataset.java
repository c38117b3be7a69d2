package dev.myelin.data.csv;

import dev.myelin.data.Dataset;
import dev.myelin.data.Example;
import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * A data set read from a CSV file: features [N, F] (numeric columns and one-hot blocks in file order), targets
 * [N] class indices (classification) or [N, 1] values (regression), and the {@link CsvSchema} to read
 * prediction files the same way.
 */
public final class CsvDataset implements Dataset<Example> {
    private final TensorDataset data;
    private final CsvSchema schema;

    CsvDataset(Tensor features, Tensor targets, CsvSchema schema) {
        this.data = new TensorDataset(features, targets);
        this.schema = schema;
    }

    /** {@return the encoded features [N, F]: numeric columns and one-hot blocks in file order} */
    public Tensor features() {
        return data.features();
    }

    /** {@return the targets: class indices [N] (classification) or values [N, 1] (regression)} */
    public Tensor targets() {
        return data.targets();
    }

    /** {@return the data as a TensorDataset (the DataLoader's fast path), sharing the tensors} */
    public TensorDataset tensors() {
        return data;
    }

    /** {@return what was learned from the file, to read prediction files the same way} */
    public CsvSchema schema() {
        return schema;
    }

    /** {@return the names of the F feature columns, as {@link CsvSchema#featureNames()}} */
    public List<String> featureNames() {
        return schema.featureNames();
    }

    /**
     * {@return the class names in index order: class index k is {@code classes().get(k)}}
     *
     * @throws IllegalStateException if this is a regression data set
     */
    public List<String> classes() {
        if (schema.labelEncoder() == null)
            throw new IllegalStateException("CsvDataset.classes: this is a regression data set");
        return schema.labelEncoder().classes();
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public Example get(int index) {
        return data.get(index);
    }
}
