package dev.myelin.data.split;

/**
 * Rows of X and their class labels divided into a training and a test part, as arrays (the estimators' form).
 *
 * @param xTrain the training rows
 * @param xTest the test rows
 * @param yTrain the training labels, one per training row
 * @param yTest the test labels, one per test row
 * @param indices the original row index of each training and test row, in the same order
 */
public record ArraySplit(float[][] xTrain, float[][] xTest, int[] yTrain, int[] yTest, IndexSplit indices) {}
