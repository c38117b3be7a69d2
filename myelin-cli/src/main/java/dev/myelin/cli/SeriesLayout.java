package dev.myelin.cli;

/**
 * Windows over one column of a CSV time series: {@code window} past values in, the next {@code horizon} values
 * out, both standardized with the mean and standard deviation of the training part of the series.
 */
record SeriesLayout(String column, int window, int horizon, double mean, double std) {
    /** A standardized value back in the column's units. */
    double original(float standardized) {
        return standardized * std + mean;
    }
}
