package dev.myelin.data.split;

/** Rows of X and their class labels divided into a training and a test part, as arrays (the estimators' form). */
public record ArraySplit(float[][] xTrain, float[][] xTest, int[] yTrain, int[] yTest, IndexSplit indices) {}
