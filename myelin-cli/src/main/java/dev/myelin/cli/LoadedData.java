package dev.myelin.cli;

import dev.myelin.data.csv.CsvSchema;
import dev.myelin.data.TensorDataset;

import java.util.List;

/**
 * A data set ready for training: train and test splits, whether it is classification or regression,
 * class names, and for image sets the image height and width (for sample plots).
 *
 * @param test      null when the source has no test split (the command then holds out part of train)
 * @param csvSchema how a CSV source was encoded (kept in the model for predict and eval), else null
 */
record LoadedData(String name, TensorDataset train, TensorDataset test, boolean classification, List<String> classNames,
                  int outputs, int[] imageShape, CsvSchema csvSchema) {

    int features() {
        return train.features().numel() / Math.max(train.size(), 1);
    }
}
