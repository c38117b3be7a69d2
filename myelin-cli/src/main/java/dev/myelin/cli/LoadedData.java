package dev.myelin.cli;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.csv.CsvSchema;
import dev.myelin.data.sequence.CharVocabulary;
import java.util.List;

/**
 * A data set ready for training: train and test splits, whether it is classification or regression,
 * class names, and for image sets the image height and width (for sample plots).
 *
 * @param test       null when the source has no test split (the command then holds out part of train)
 * @param csvSchema  how a CSV source was encoded (kept in the model for predict and eval), else null
 * @param series     for windows over a CSV time series, their layout and scaling, else null
 * @param vocabulary for character-level text (rows of token ids), its characters, else null
 */
record LoadedData(
        String name,
        TensorDataset train,
        TensorDataset test,
        boolean classification,
        List<String> classNames,
        int outputs,
        int[] imageShape,
        CsvSchema csvSchema,
        SeriesLayout series,
        CharVocabulary vocabulary) {

    /** Data that is not a sequence set. */
    LoadedData(
            String name,
            TensorDataset train,
            TensorDataset test,
            boolean classification,
            List<String> classNames,
            int outputs,
            int[] imageShape,
            CsvSchema csvSchema) {
        this(name, train, test, classification, classNames, outputs, imageShape, csvSchema, null, null);
    }

    int features() {
        return train.features().numel() / Math.max(train.size(), 1);
    }

    /**
     * Each row as a sequence: {steps, features per step} for images (rows as steps), series windows and text
     * (one token id per step); null for other data, whose rows are not sequences.
     */
    int[] sequenceShape() {
        if (imageShape != null) return imageShape.clone();
        if (series != null) return new int[] {series.window(), 1};
        if (vocabulary != null) return new int[] {features(), 1};
        return null;
    }
}
