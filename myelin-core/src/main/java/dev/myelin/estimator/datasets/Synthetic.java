package dev.myelin.estimator.datasets;

import dev.myelin.tensor.Generator;

/**
 * Seeded synthetic problems as scikit-learn generates them (same parameters and construction, not the same random
 * stream): Gaussian clusters around hypercube vertices for classification, a sparse linear model plus noise for
 * regression.
 */
public final class Synthetic {
    private Synthetic() {
    }

    /** Features and integer labels. */
    public record Classification(float[][] x, int[] y) {
    }

    /** Features, targets and the true coefficients. */
    public record Regression(float[][] x, float[] y, float[] coef) {
    }

    /**
     * As {@code make_classification}: each class owns nClustersPerClass Gaussian clusters centred on distinct
     * vertices of a hypercube of side 2·classSep in the nInformative informative dimensions (each cluster with a
     * random linear covariance); nRedundant features are random linear combinations of the informative ones; the
     * remaining features are noise; a share flipY of labels is re-drawn at random; samples and features are shuffled.
     */
    public static Classification makeClassification(int nSamples, int nFeatures, int nInformative, int nRedundant,
                                                    int nClasses, int nClustersPerClass, double classSep, double flipY,
                                                    long seed) {
        if (nSamples < 1 || nInformative < 1 || nClasses < 2 || nClustersPerClass < 1
                || nInformative + nRedundant > nFeatures) {
            throw new IllegalArgumentException("makeClassification: need nSamples >= 1, nInformative >= 1, "
                    + "nClasses >= 2 and nInformative + nRedundant <= nFeatures; got nSamples=" + nSamples
                    + ", nFeatures=" + nFeatures + ", nInformative=" + nInformative + ", nRedundant=" + nRedundant
                    + ", nClasses=" + nClasses);
        }
        int nClusters = nClasses * nClustersPerClass;
        if (nClusters > (1L << Math.min(nInformative, 62))) {
            throw new IllegalArgumentException("makeClassification: nClasses * nClustersPerClass (" + nClusters
                    + ") must be <= 2^nInformative (" + (1L << Math.min(nInformative, 62)) + ")");
        }
        Generator rng = new Generator(seed);
        // Distinct hypercube vertices as cluster centroids, in random order.
        int[] vertexPick = rng.permutation((int) Math.min(1L << Math.min(nInformative, 20), Integer.MAX_VALUE));
        double[][] centroids = new double[nClusters][nInformative];
        for (int c = 0; c < nClusters; c++) {
            long v = vertexPick[c];
            for (int j = 0; j < nInformative; j++) {
                boolean bit = j < 20 ? ((v >> j) & 1) == 1 : rng.nextDouble() < 0.5;
                centroids[c][j] = (bit ? 1 : -1) * classSep;
            }
        }
        double[][][] covariance = new double[nClusters][nInformative][nInformative];
        for (double[][] a : covariance) {
            for (double[] row : a) {
                for (int j = 0; j < nInformative; j++) {
                    row[j] = 2 * rng.nextDouble() - 1;
                }
            }
        }
        double[][] redundant = new double[nInformative][nRedundant];
        for (double[] row : redundant) {
            for (int j = 0; j < nRedundant; j++) {
                row[j] = 2 * rng.nextDouble() - 1;
            }
        }
        float[][] x = new float[nSamples][nFeatures];
        int[] y = new int[nSamples];
        double[] g = new double[nInformative];
        for (int i = 0; i < nSamples; i++) {
            int cluster = (int) ((long) i * nClusters / nSamples); // equal-sized clusters
            y[i] = cluster % nClasses;
            for (int j = 0; j < nInformative; j++) {
                g[j] = rng.nextGaussian();
            }
            for (int j = 0; j < nInformative; j++) {
                double s = centroids[cluster][j];
                for (int l = 0; l < nInformative; l++) {
                    s += g[l] * covariance[cluster][l][j];
                }
                x[i][j] = (float) s;
            }
            for (int r = 0; r < nRedundant; r++) {
                double s = 0;
                for (int j = 0; j < nInformative; j++) {
                    s += x[i][j] * redundant[j][r];
                }
                x[i][nInformative + r] = (float) s;
            }
            for (int j = nInformative + nRedundant; j < nFeatures; j++) {
                x[i][j] = (float) rng.nextGaussian();
            }
            if (rng.nextDouble() < flipY) {
                y[i] = rng.nextInt(nClasses);
            }
        }
        int[] rows = rng.permutation(nSamples);
        int[] cols = rng.permutation(nFeatures);
        float[][] xs = new float[nSamples][nFeatures];
        int[] ys = new int[nSamples];
        for (int i = 0; i < nSamples; i++) {
            ys[i] = y[rows[i]];
            for (int j = 0; j < nFeatures; j++) {
                xs[i][j] = x[rows[i]][cols[j]];
            }
        }
        return new Classification(xs, ys);
    }

    /** {@link #makeClassification} with scikit-learn's defaults (20 features, 2 informative, 2 redundant, 2 clusters per class, flipY 0.01). */
    public static Classification makeClassification(int nSamples, int nClasses, long seed) {
        return makeClassification(nSamples, 20, Math.max(2, 32 - Integer.numberOfLeadingZeros(2 * nClasses - 1)), 2,
                nClasses, 2, 1.0, 0.01, seed);
    }

    /**
     * As {@code make_regression}: X standard normal; the first nInformative coefficients (of a random feature subset)
     * uniform in [0, 100), the rest 0; y = X·coef + bias + noise·N(0, 1).
     */
    public static Regression makeRegression(int nSamples, int nFeatures, int nInformative, double bias, double noise,
                                            long seed) {
        if (nSamples < 1 || nFeatures < 1 || nInformative < 0 || nInformative > nFeatures || noise < 0) {
            throw new IllegalArgumentException("makeRegression: need nSamples >= 1, 0 <= nInformative <= nFeatures "
                    + "and noise >= 0; got nSamples=" + nSamples + ", nFeatures=" + nFeatures + ", nInformative="
                    + nInformative + ", noise=" + noise);
        }
        Generator rng = new Generator(seed);
        float[][] x = new float[nSamples][nFeatures];
        for (float[] row : x) {
            for (int j = 0; j < nFeatures; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        float[] coef = new float[nFeatures];
        int[] informative = rng.permutation(nFeatures);
        for (int k = 0; k < nInformative; k++) {
            coef[informative[k]] = (float) (100 * rng.nextDouble());
        }
        float[] y = new float[nSamples];
        for (int i = 0; i < nSamples; i++) {
            double s = bias;
            for (int j = 0; j < nFeatures; j++) {
                s += (double) x[i][j] * coef[j];
            }
            y[i] = (float) (s + noise * rng.nextGaussian());
        }
        return new Regression(x, y, coef);
    }
}
