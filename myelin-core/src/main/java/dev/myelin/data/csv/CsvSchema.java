package dev.myelin.data.csv;

import dev.myelin.data.preprocessing.LabelEncoder;
import dev.myelin.data.preprocessing.OneHotEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * What was learned from a training CSV file, to read prediction files the same way: the feature columns in
 * order (each numeric or categorical), the one-hot encoder of the categorical ones, the label column and,
 * for classification, its label encoder.
 *
 * @param featureColumns names of the input columns used as features, in file order
 * @param categorical    for each feature column, whether it is one-hot encoded
 * @param oneHot         the encoder of the categorical columns (in order), or null if there are none
 * @param labelColumn    the label column's name
 * @param task           classification or regression
 * @param labelEncoder   the class labels (classification only, else null)
 */
public record CsvSchema(
        List<String> featureColumns,
        List<Boolean> categorical,
        OneHotEncoder oneHot,
        String labelColumn,
        Task task,
        LabelEncoder<String> labelEncoder) {
    /**
     * Copies the column lists.
     *
     * @param featureColumns names of the input columns used as features, in file order
     * @param categorical for each feature column, whether it is one-hot encoded
     * @param oneHot the encoder of the categorical columns, or null if there are none
     * @param labelColumn the label column's name
     * @param task classification or regression
     * @param labelEncoder the class labels (classification only, else null)
     */
    public CsvSchema {
        featureColumns = List.copyOf(featureColumns);
        categorical = List.copyOf(categorical);
    }

    /**
     * {@return the names of the output feature columns: numeric columns by name, categorical ones as
     * {@code <column>_<category>}}
     */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        int cat = 0;
        for (int j = 0; j < featureColumns.size(); j++) {
            if (!categorical.get(j)) names.add(featureColumns.get(j));
            else {
                for (String c : oneHot.categories().get(cat)) names.add(featureColumns.get(j) + "_" + c);
                cat++;
            }
        }
        return names;
    }

    /** {@return the width F of a feature row, after one-hot encoding} */
    public int numFeatures() {
        return featureNames().size();
    }
}
