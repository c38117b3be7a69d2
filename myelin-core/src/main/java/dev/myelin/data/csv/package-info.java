/**
 * CSV data sets (via Apache Commons CSV, an optional dependency): numeric features as floats, categorical
 * features one-hot encoded, labels through a LabelEncoder or as regression values, with a reusable schema.
 */
package dev.myelin.data.csv;
