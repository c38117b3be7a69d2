package dev.myelin.data.synthetic;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;

/**
 * Synthetic data sets, all drawn from a {@link Generator}. Classification sets return features [N, F] and class
 * indices [N] (as floats); the logic tables and regression sets return targets [N, 1]. Signatures and
 * semantics follow scikit-learn's {@code make_*} functions where it has them (samples shuffled).
 */
public final class SyntheticData {
    private SyntheticData() {}

    // ------------------------------------------------------------------ logic tables

    /** {@return the XOR truth table: inputs [[0,0],[0,1],[1,0],[1,1]], targets [[0],[1],[1],[0]]} */
    public static TensorDataset xor() {
        return truthTable(0, 1, 1, 0);
    }

    /** {@return the AND truth table: inputs as {@link #xor()}, targets [[0],[0],[0],[1]]} */
    public static TensorDataset and() {
        return truthTable(0, 0, 0, 1);
    }

    /** {@return the OR truth table: inputs as {@link #xor()}, targets [[0],[1],[1],[1]]} */
    public static TensorDataset or() {
        return truthTable(0, 1, 1, 1);
    }

    private static TensorDataset truthTable(float... y) {
        return new TensorDataset(
                Tensor.fromArray(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2), Tensor.fromArray(y, 4, 1));
    }

    // ------------------------------------------------------------------ 2-D shapes

    /**
     * Two interleaving half circles ({@code make_moons}): the first {@code n / 2} points on the upper arc
     * (class 0), the rest on the lower arc shifted by (1, -0.5) (class 1), shuffled, plus N(0, noise²).
     *
     * @param n the number of points, at least 2
     * @param noise the standard deviation of the Gaussian noise added to each coordinate, finite and &gt;= 0
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [n, 2] and class indices [n] (as floats)
     * @throws IllegalArgumentException if {@code n < 2} or {@code noise} is negative or not finite
     */
    public static TensorDataset twoMoons(int n, double noise, Generator gen) {
        checkCount("twoMoons", n, 2);
        checkNoise("twoMoons", noise);
        int nOut = n / 2, nIn = n - nOut;
        float[] x = new float[2 * n], y = new float[n];
        for (int i = 0; i < nOut; i++) {
            double t = nOut == 1 ? 0 : Math.PI * i / (nOut - 1);
            x[2 * i] = (float) Math.cos(t);
            x[2 * i + 1] = (float) Math.sin(t);
        }
        for (int i = 0; i < nIn; i++) {
            double t = nIn == 1 ? 0 : Math.PI * i / (nIn - 1);
            x[2 * (nOut + i)] = (float) (1 - Math.cos(t));
            x[2 * (nOut + i) + 1] = (float) (1 - Math.sin(t) - 0.5);
            y[nOut + i] = 1;
        }
        return shuffleAndNoise(x, y, n, noise, gen);
    }

    /**
     * A large circle (radius 1, class 0, {@code n / 2} points) containing a small one (radius {@code factor},
     * class 1), evenly spaced angles, shuffled, plus N(0, noise²) ({@code make_circles}).
     *
     * @param n the number of points, at least 2
     * @param noise the standard deviation of the Gaussian noise added to each coordinate, finite and &gt;= 0
     * @param factor the inner circle's radius relative to the outer one, in [0, 1) (scikit-learn's default 0.8)
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [n, 2] and class indices [n] (as floats)
     * @throws IllegalArgumentException if {@code n < 2}, {@code noise} is invalid or {@code factor} is outside [0, 1)
     */
    public static TensorDataset circles(int n, double noise, double factor, Generator gen) {
        checkCount("circles", n, 2);
        checkNoise("circles", noise);
        if (!(factor >= 0 && factor < 1))
            throw new IllegalArgumentException("circles: factor must be in [0, 1), got " + factor);
        int nOut = n / 2, nIn = n - nOut;
        float[] x = new float[2 * n], y = new float[n];
        for (int i = 0; i < nOut; i++) {
            double t = 2 * Math.PI * i / nOut;
            x[2 * i] = (float) Math.cos(t);
            x[2 * i + 1] = (float) Math.sin(t);
        }
        for (int i = 0; i < nIn; i++) {
            double t = 2 * Math.PI * i / nIn;
            x[2 * (nOut + i)] = (float) (factor * Math.cos(t));
            x[2 * (nOut + i) + 1] = (float) (factor * Math.sin(t));
            y[nOut + i] = 1;
        }
        return shuffleAndNoise(x, y, n, noise, gen);
    }

    /**
     * Interleaved spiral arms, one per class (the CS231n spiral): point i of class k has radius r = i / (m - 1)
     * and angle 4k + 4r (radians) plus N(0, noise²), at (r sin(angle), r cos(angle)); m = points of that class
     * (n split as evenly as possible, the first classes get the extra points). Shuffled.
     *
     * @param n the number of points, at least {@code classes}
     * @param classes the number of arms (classes), at least 1
     * @param noise the standard deviation of the noise added to each point's angle, finite and &gt;= 0
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [n, 2] and class indices [n] (as floats)
     * @throws IllegalArgumentException if {@code classes < 1}, {@code n < classes} or {@code noise} is invalid
     */
    public static TensorDataset spirals(int n, int classes, double noise, Generator gen) {
        if (classes < 1) throw new IllegalArgumentException("spirals: classes must be >= 1, got " + classes);
        checkCount("spirals", n, classes);
        checkNoise("spirals", noise);
        float[] x = new float[2 * n], y = new float[n];
        int p = 0;
        for (int k = 0; k < classes; k++) {
            int m = n / classes + (k < n % classes ? 1 : 0);
            for (int i = 0; i < m; i++, p++) {
                double r = m == 1 ? 0 : (double) i / (m - 1);
                double angle = 4 * k + 4 * r + noise * gen.nextGaussian();
                x[2 * p] = (float) (r * Math.sin(angle));
                x[2 * p + 1] = (float) (r * Math.cos(angle));
                y[p] = k;
            }
        }
        return shuffleAndNoise(x, y, n, 0, gen);
    }

    /**
     * Isotropic Gaussian blobs in 2-D ({@code make_blobs} with an int {@code centers}): centres uniform in
     * [-10, 10]², {@code n / centers} points each (the first {@code n % centers} centres get one more), shuffled.
     *
     * @param n the number of points, at least 1
     * @param centers the number of blobs (classes), at least 1
     * @param std the standard deviation of each blob ({@code cluster_std}), &gt;= 0
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [n, 2] and class indices [n] (as floats)
     * @throws IllegalArgumentException if a count is below 1 or {@code std} is negative
     */
    public static TensorDataset blobs(int n, int centers, double std, Generator gen) {
        return blobs(n, 2, centers, std, gen);
    }

    /**
     * Isotropic Gaussian blobs with {@code nFeatures} dimensions ({@code make_blobs(n_features=...)}); the centres
     * are drawn first (uniform in [-10, 10]), then the points as in {@link #blobs(int, int, double, Generator)}.
     *
     * @param n the number of points, at least 1
     * @param nFeatures the number of dimensions, at least 1
     * @param centers the number of blobs (classes), at least 1
     * @param std the standard deviation of each blob ({@code cluster_std}), &gt;= 0
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [n, nFeatures] and class indices [n] (as floats)
     * @throws IllegalArgumentException if a count is below 1 or {@code std} is negative
     */
    public static TensorDataset blobs(int n, int nFeatures, int centers, double std, Generator gen) {
        if (centers < 1 || nFeatures < 1)
            throw new IllegalArgumentException(
                    "blobs: centers and nFeatures must be >= 1, got " + centers + ", " + nFeatures);
        Tensor c = Tensor.uniform(gen, -10, 10, centers, nFeatures);
        return blobs(n, c, std, gen);
    }

    /**
     * Isotropic Gaussian blobs around the given centres ({@code make_blobs} with an array {@code centers}):
     * {@code n / K} points per centre (the first {@code n % K} get one more), class j around centre j, shuffled.
     *
     * @param n the number of points, at least 1
     * @param centers the centres, shape [K, F] (compact)
     * @param std the standard deviation of each blob ({@code cluster_std}), &gt;= 0
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [n, F] and class indices [n] (as floats)
     * @throws IllegalArgumentException if {@code centers} is not 2-D, {@code std} is negative or {@code n < 1}
     */
    public static TensorDataset blobs(int n, Tensor centers, double std, Generator gen) {
        if (centers.dim() != 2)
            throw new IllegalArgumentException(
                    "blobs: centers must have shape [K, F], got " + java.util.Arrays.toString(centers.shape()));
        if (!(std >= 0)) throw new IllegalArgumentException("blobs: std must be >= 0, got " + std);
        int k = centers.size(0), f = centers.size(1);
        checkCount("blobs", n, 1);
        float[] x = new float[n * f], y = new float[n], c = centers.data();
        int p = 0;
        for (int j = 0; j < k; j++) {
            int m = n / k + (j < n % k ? 1 : 0);
            for (int i = 0; i < m; i++, p++) {
                for (int d = 0; d < f; d++) x[p * f + d] = (float) (c[j * f + d] + std * gen.nextGaussian());
                y[p] = j;
            }
        }
        return shuffle(new Tensor(x, n, f), new Tensor(y, n), gen);
    }

    /**
     * The GAN benchmark of a ring of Gaussians (Metz et al. 2017, "Unrolled GANs"): {@code modes} centers evenly
     * spaced on a circle of {@code radius} around the origin, the first at (radius, 0) (see {@link #ringCenters}),
     * each sample drawn from a uniformly chosen center plus N(0, std²) in each coordinate. Features [n, 2], targets
     * the center's index [n] (as floats). The papers use 8 modes, radius 2 and std 0.02 to 0.05.
     *
     * @param n the number of samples, at least 1
     * @param modes the number of centers, at least 1
     * @param radius the circle's radius, finite and &gt; 0
     * @param std the standard deviation around each center, finite and &gt; 0
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [n, 2] and the center index of each sample [n] (as floats); not shuffled further
     * @throws IllegalArgumentException if a count is below 1 or {@code radius} or {@code std} is not finite and
     *     positive
     */
    public static TensorDataset gaussianRing(int n, int modes, double radius, double std, Generator gen) {
        checkCount("gaussianRing", n, 1);
        checkModes("gaussianRing", modes);
        if (!(radius > 0) || Double.isInfinite(radius))
            throw new IllegalArgumentException("gaussianRing: radius must be finite and > 0, got " + radius);
        if (!(std > 0) || Double.isInfinite(std))
            throw new IllegalArgumentException("gaussianRing: std must be finite and > 0, got " + std);
        float[] c = ringCenters(modes, radius).data();
        float[] x = new float[2 * n], y = new float[n];
        for (int i = 0; i < n; i++) {
            int k = gen.nextInt(modes);
            x[2 * i] = (float) (c[2 * k] + std * gen.nextGaussian());
            x[2 * i + 1] = (float) (c[2 * k + 1] + std * gen.nextGaussian());
            y[i] = k;
        }
        return new TensorDataset(Tensor.fromArray(x, n, 2), Tensor.fromArray(y, n));
    }

    /**
     * Computes the centers of {@link #gaussianRing}, for measuring mode coverage.
     *
     * @param modes the number of centers, at least 1
     * @param radius the circle's radius (not checked here)
     * @return the centers [modes, 2], center k at angle 2πk / modes, i.e. (radius cos, radius sin)
     * @throws IllegalArgumentException if {@code modes < 1}
     */
    public static Tensor ringCenters(int modes, double radius) {
        checkModes("ringCenters", modes);
        float[] c = new float[2 * modes];
        for (int k = 0; k < modes; k++) {
            double t = 2 * Math.PI * k / modes;
            c[2 * k] = (float) (radius * Math.cos(t));
            c[2 * k + 1] = (float) (radius * Math.sin(t));
        }
        return Tensor.fromArray(c, modes, 2);
    }

    // ------------------------------------------------------------------ scikit-learn generators

    /**
     * {@code make_classification} with scikit-learn's defaults (20 features, 2 redundant, 2 clusters per class,
     * classSep 1, flipY 0.01) and as many informative features as the clusters need (at least 2).
     *
     * @param nSamples the number of samples, at least 1
     * @param nClasses the number of classes, at least 2
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [nSamples, 20] and class indices [nSamples] (as floats)
     * @throws IllegalArgumentException if {@code nSamples < 1} or {@code nClasses < 2}
     */
    public static TensorDataset makeClassification(int nSamples, int nClasses, Generator gen) {
        int informative = Math.max(2, 32 - Integer.numberOfLeadingZeros(2 * nClasses - 1));
        return makeClassification(nSamples, 20, informative, 2, nClasses, 2, 1.0, 0.01, gen);
    }

    /**
     * {@link #makeClassification(int, int, int, int, int, int, double, double, Generator)} with 2 clusters per
     * class (scikit-learn's default {@code n_clusters_per_class}).
     *
     * @param nSamples the number of samples, at least 1
     * @param nFeatures the total number of features
     * @param nInformative the number of informative features, at least 1
     * @param nRedundant the number of linear combinations of the informative features, &gt;= 0
     * @param nClasses the number of classes, at least 2, with {@code 2 * nClasses <= 2^nInformative}
     * @param classSep half the side of the hypercube the clusters sit on; larger is easier
     * @param flipY the fraction of labels replaced at random, in [0, 1]
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [nSamples, nFeatures] and class indices [nSamples] (as floats)
     * @throws IllegalArgumentException for the invalid combinations listed on the full overload
     */
    public static TensorDataset makeClassification(
            int nSamples,
            int nFeatures,
            int nInformative,
            int nRedundant,
            int nClasses,
            double classSep,
            double flipY,
            Generator gen) {
        return makeClassification(nSamples, nFeatures, nInformative, nRedundant, nClasses, 2, classSep, flipY, gen);
    }

    /**
     * scikit-learn's {@code make_classification} algorithm: {@code nClasses * nClustersPerClass} Gaussian clusters
     * centred on distinct vertices of a hypercube with side {@code 2 * classSep} in the informative subspace, each
     * cluster given a random covariance (a random linear map); redundant features are random linear combinations
     * of the informative ones; the remaining features are N(0, 1) noise; a fraction {@code flipY} of labels is
     * replaced at random. Rows are shuffled. Columns are NOT shuffled (unlike scikit-learn's default), so
     * columns [0, nInformative) are informative and the next nRedundant are the redundant ones.
     *
     * @param nSamples the number of samples, at least 1
     * @param nFeatures the total number of features, at least {@code nInformative + nRedundant}
     * @param nInformative the number of informative features, at least 1
     * @param nRedundant the number of linear combinations of the informative features, &gt;= 0
     * @param nClasses the number of classes, at least 2
     * @param nClustersPerClass the Gaussian clusters per class, at least 1, with
     *     {@code nClasses * nClustersPerClass <= 2^nInformative}
     * @param classSep half the side of the hypercube the clusters sit on; larger is easier
     * @param flipY the fraction of labels replaced at random, in [0, 1]
     * @param gen the source of all randomness (same seed, same data set)
     * @return features [nSamples, nFeatures] and class indices [nSamples] (as floats)
     * @throws IllegalArgumentException if a count is out of range, the clusters do not fit on the hypercube's
     *     vertices, or {@code flipY} is outside [0, 1]
     */
    public static TensorDataset makeClassification(
            int nSamples,
            int nFeatures,
            int nInformative,
            int nRedundant,
            int nClasses,
            int nClustersPerClass,
            double classSep,
            double flipY,
            Generator gen) {
        if (nInformative < 1 || nRedundant < 0 || nInformative + nRedundant > nFeatures)
            throw new IllegalArgumentException(
                    "makeClassification: need 1 <= nInformative and nInformative + nRedundant <= nFeatures, got nInformative="
                            + nInformative + " nRedundant=" + nRedundant + " nFeatures=" + nFeatures);
        if (nClasses < 2 || nClustersPerClass < 1)
            throw new IllegalArgumentException("makeClassification: need nClasses >= 2 and nClustersPerClass >= 1, got "
                    + nClasses + ", " + nClustersPerClass);
        int nClusters = nClasses * nClustersPerClass;
        if (nInformative < 31 && nClusters > (1 << nInformative))
            throw new IllegalArgumentException("makeClassification: nClasses(" + nClasses + ") * nClustersPerClass("
                    + nClustersPerClass + ") must be smaller or equal 2**nInformative(" + nInformative + ")="
                    + (1 << nInformative));
        if (!(flipY >= 0 && flipY <= 1))
            throw new IllegalArgumentException("makeClassification: flipY must be in [0, 1], got " + flipY);
        checkCount("makeClassification", nSamples, 1);
        int f = nFeatures, inf = nInformative;
        double[][] centroids = hypercube(nClusters, inf, gen);
        for (double[] c : centroids) for (int d = 0; d < inf; d++) c[d] = c[d] * 2 * classSep - classSep;
        double[] x = new double[nSamples * f];
        float[] y = new float[nSamples];
        int start = 0;
        for (int k = 0; k < nClusters; k++) {
            int m = nSamples / nClusters + (k < nSamples % nClusters ? 1 : 0);
            double[][] a = new double[inf][inf];
            for (double[] row : a) for (int d = 0; d < inf; d++) row[d] = 2 * gen.nextDouble() - 1;
            for (int i = start; i < start + m; i++) {
                double[] z = new double[inf];
                for (int d = 0; d < inf; d++) z[d] = gen.nextGaussian();
                for (int d = 0; d < inf; d++) {
                    double s = centroids[k][d];
                    for (int e = 0; e < inf; e++) s += z[e] * a[e][d];
                    x[i * f + d] = s;
                }
                y[i] = k % nClasses;
            }
            start += m;
        }
        if (nRedundant > 0) {
            double[][] b = new double[inf][nRedundant];
            for (double[] row : b) for (int d = 0; d < nRedundant; d++) row[d] = 2 * gen.nextDouble() - 1;
            for (int i = 0; i < nSamples; i++)
                for (int r = 0; r < nRedundant; r++) {
                    double s = 0;
                    for (int e = 0; e < inf; e++) s += x[i * f + e] * b[e][r];
                    x[i * f + inf + r] = s;
                }
        }
        for (int i = 0; i < nSamples; i++) for (int d = inf + nRedundant; d < f; d++) x[i * f + d] = gen.nextGaussian();
        if (flipY > 0) for (int i = 0; i < nSamples; i++) if (gen.nextDouble() < flipY) y[i] = gen.nextInt(nClasses);
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) xf[i] = (float) x[i];
        return shuffle(new Tensor(xf, nSamples, f), new Tensor(y, nSamples), gen);
    }

    /** {@code count} distinct vertices of the unit hypercube {0, 1}^dims, in random order. */
    private static double[][] hypercube(int count, int dims, Generator gen) {
        Set<String> seen = new HashSet<>();
        double[][] out = new double[count][dims];
        for (int k = 0; k < count; k++) {
            String key;
            do {
                StringBuilder sb = new StringBuilder();
                for (int d = 0; d < dims; d++) {
                    out[k][d] = gen.nextInt(2);
                    sb.append((int) out[k][d]);
                }
                key = sb.toString();
            } while (!seen.add(key));
        }
        return out;
    }

    /**
     * scikit-learn's {@code make_regression} with one target and no bias: X ~ N(0, 1) [N, F]; the first
     * {@code nInformative} coefficients are uniform in [0, 100), the rest 0; y = X coef + N(0, noise²), shape [N, 1].
     * Rows and features are shuffled together with the coefficients, so {@code y ≈ X · coef} still holds.
     *
     * @param nSamples the number of samples, at least 1
     * @param nFeatures the number of features, at least 1
     * @param nInformative the number of features with a non-zero coefficient, in [0, nFeatures]
     * @param noise the standard deviation of the Gaussian noise added to y, finite and &gt;= 0
     * @param gen the source of all randomness (same seed, same data set)
     * @return the data (X [nSamples, nFeatures], y [nSamples, 1]) and the true coefficients [nFeatures]
     * @throws IllegalArgumentException if a count is out of range or {@code noise} is invalid
     */
    public static RegressionSet makeRegression(
            int nSamples, int nFeatures, int nInformative, double noise, Generator gen) {
        return makeRegression(nSamples, nFeatures, nInformative, 0, noise, gen);
    }

    /**
     * {@link #makeRegression(int, int, int, double, Generator)} with scikit-learn's {@code bias}:
     * y = X coef + bias + noise.
     *
     * @param nSamples the number of samples, at least 1
     * @param nFeatures the number of features, at least 1
     * @param nInformative the number of features with a non-zero coefficient, in [0, nFeatures]
     * @param bias the intercept added to every target
     * @param noise the standard deviation of the Gaussian noise added to y, finite and &gt;= 0
     * @param gen the source of all randomness (same seed, same data set)
     * @return the data (X [nSamples, nFeatures], y [nSamples, 1]) and the true coefficients [nFeatures]
     * @throws IllegalArgumentException if a count is out of range or {@code noise} is invalid
     */
    public static RegressionSet makeRegression(
            int nSamples, int nFeatures, int nInformative, double bias, double noise, Generator gen) {
        if (nFeatures < 1 || nInformative < 0 || nInformative > nFeatures)
            throw new IllegalArgumentException(
                    "makeRegression: need 0 <= nInformative <= nFeatures and nFeatures >= 1, got nInformative="
                            + nInformative + " nFeatures=" + nFeatures);
        checkNoise("makeRegression", noise);
        checkCount("makeRegression", nSamples, 1);
        int f = nFeatures;
        float[] x = Tensor.randn(gen, nSamples, f).data();
        double[] coef = new double[f];
        for (int d = 0; d < nInformative; d++) coef[d] = 100 * gen.nextDouble();
        float[] y = new float[nSamples];
        for (int i = 0; i < nSamples; i++) {
            double s = bias;
            for (int d = 0; d < f; d++) s += x[i * f + d] * coef[d];
            y[i] = (float) (s + noise * gen.nextGaussian());
        }
        // Shuffle rows, then features (permuting the coefficients the same way).
        TensorDataset rows = shuffle(new Tensor(x, nSamples, f), new Tensor(y, nSamples, 1), gen);
        int[] perm = gen.permutation(f);
        float[] xs = rows.features().data(), xp = new float[xs.length];
        float[] cp = new float[f];
        for (int d = 0; d < f; d++) {
            cp[d] = (float) coef[perm[d]];
            for (int i = 0; i < nSamples; i++) xp[i * f + d] = xs[i * f + perm[d]];
        }
        return new RegressionSet(new TensorDataset(new Tensor(xp, nSamples, f), rows.targets()), new Tensor(cp, f));
    }

    /**
     * The course's sum regression: {@link #sumRegression(int, int, Generator) sumRegression(100, 10, gen)}.
     *
     * @param gen the source of all randomness (same seed, same data set)
     * @return X = randn(100, 10) and y = the row sums, shape [100, 1]
     */
    public static TensorDataset sumRegression(Generator gen) {
        return sumRegression(100, 10, gen);
    }

    /**
     * A linear target every model should fit exactly: y is the sum of each row of standard normal X (not shuffled).
     *
     * @param n the number of samples
     * @param features the number of features
     * @param gen the source of all randomness (same seed, same data set)
     * @return X = randn(n, features) and y = the sum of each row, shape [n, 1]
     */
    public static TensorDataset sumRegression(int n, int features, Generator gen) {
        Tensor x = Tensor.randn(gen, n, features);
        float[] xd = x.data(), y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int d = 0; d < features; d++) s += xd[i * features + d];
            y[i] = (float) s;
        }
        return new TensorDataset(x, new Tensor(y, n, 1));
    }

    // ------------------------------------------------------------------ helpers

    private static TensorDataset shuffleAndNoise(float[] x, float[] y, int n, double noise, Generator gen) {
        TensorDataset s = shuffle(new Tensor(x, n, 2), new Tensor(y, n), gen);
        if (noise > 0) {
            float[] d = s.features().data();
            for (int i = 0; i < d.length; i++) d[i] += (float) (noise * gen.nextGaussian());
        }
        return s;
    }

    private static TensorDataset shuffle(Tensor x, Tensor y, Generator gen) {
        int[] perm = gen.permutation(x.size(0));
        return new TensorDataset(Rows.take(x, perm), Rows.take(y, perm));
    }

    private static void checkCount(String op, int n, int min) {
        if (n < min) throw new IllegalArgumentException(op + ": need at least " + min + " samples, got " + n);
    }

    private static void checkModes(String op, int modes) {
        if (modes < 1) throw new IllegalArgumentException(op + ": modes must be >= 1, got " + modes);
    }

    private static void checkNoise(String op, double noise) {
        if (!(noise >= 0) || !Double.isFinite(noise))
            throw new IllegalArgumentException(op + ": noise must be finite and >= 0, got " + noise);
    }
}
