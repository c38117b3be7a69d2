/**
 * scikit-learn-style estimators ({@link dev.myelin.estimator.Perceptron}, {@link dev.myelin.estimator.MLPClassifier},
 * {@link dev.myelin.estimator.MLPRegressor}) with scikit-learn's parameter names, defaults and fitted attributes in
 * camelCase. Networks are trained on one flat parameter vector with hand-written backpropagation on the GEMM kernels.
 */
package dev.myelin.estimator;
