package dev.myelin.data.csv;

/** What the label column holds: class labels (encoded to 0..C-1) or real-valued regression targets. */
public enum Task {
    CLASSIFICATION,
    REGRESSION
}
