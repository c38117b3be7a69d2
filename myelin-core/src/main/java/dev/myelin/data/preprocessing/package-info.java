/**
 * Feature scaling and label encoding with scikit-learn semantics: {@link dev.myelin.data.preprocessing.StandardScaler},
 * {@link dev.myelin.data.preprocessing.MinMaxScaler}, {@link dev.myelin.data.preprocessing.LabelEncoder} and
 * {@link dev.myelin.data.preprocessing.OneHotEncoder}. Each is fitted once and then reused at predict time.
 */
package dev.myelin.data.preprocessing;
