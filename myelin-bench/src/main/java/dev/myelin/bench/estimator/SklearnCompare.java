package dev.myelin.bench.estimator;

import dev.myelin.data.idx.IdxReader;
import dev.myelin.estimator.MLPClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fits {@link MLPClassifier} on one data set and prints one line: {@code RESULT <name> acc=<test accuracy>
 * fit_s=<warm seconds> cold_s=<first-fit seconds> n_iter=<epochs>}. Called by {@code bench/sklearn_compare.py}, which runs scikit-learn with the
 * same settings on the same data.
 *
 * <pre>
 * SklearnCompare csv NAME TRAIN.csv TEST.csv SOLVER MAX_ITER HIDDEN(32,16) SEED [REPEATS]
 * SklearnCompare fashion NAME DIR N_TRAIN N_TEST SOLVER MAX_ITER HIDDEN SEED [REPEATS]
 * </pre>
 * CSV rows are: label, feature1, feature2, ... (no header).
 */
public final class SklearnCompare {
    private SklearnCompare() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SklearnCompare csv NAME TRAIN.csv TEST.csv SOLVER MAX_ITER HIDDEN SEED\n"
                    + "       SklearnCompare fashion NAME DIR N_TRAIN N_TEST SOLVER MAX_ITER HIDDEN SEED");
            System.exit(2);
        }
        float[][] xTrain;
        float[][] xTest;
        int[] yTrain;
        int[] yTest;
        int a;
        if (args[0].equals("csv")) {
            Data train = readCsv(Path.of(args[2]));
            Data test = readCsv(Path.of(args[3]));
            xTrain = train.x;
            yTrain = train.y;
            xTest = test.x;
            yTest = test.y;
            a = 4;
        } else {
            Path dir = Path.of(args[2]);
            int nTrain = Integer.parseInt(args[3]);
            int nTest = Integer.parseInt(args[4]);
            xTrain = firstRows(IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"), true), nTrain);
            yTrain = firstLabels(IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz")), nTrain);
            xTest = firstRows(IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"), true), nTest);
            yTest = firstLabels(IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz")), nTest);
            a = 5;
        }
        String solver = args[a];
        int maxIter = Integer.parseInt(args[a + 1]);
        int[] hidden = Arrays.stream(args[a + 2].split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        long seed = Long.parseLong(args[a + 3]);
        // The Python side ignores ConvergenceWarning; do the same here (a console log line costs milliseconds).
        java.util.logging.Logger.getLogger("dev.myelin.estimator").setLevel(java.util.logging.Level.SEVERE);
        int repeats = args.length > a + 4 ? Integer.parseInt(args[a + 4]) : 1;
        // The first fit in a fresh JVM includes JIT compilation of the kernels (cold); the later half of the
        // fits shows the steady state a long-running process sees (warm, their median: fits 2-4 are still
        // warming up). Same seed: same result.
        double cold = 0;
        double coldCpu = 0;
        // JVM start, class loading and reading the data, up to the first fit (not part of cold_s).
        double startS =
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        int firstWarm = Math.max(1, repeats / 2);
        double[] warm = new double[Math.max(0, repeats - firstWarm)];
        double[] warmCpu = new double[warm.length];
        MLPClassifier clf = null;
        for (int r = 0; r < repeats; r++) {
            clf = new MLPClassifier()
                    .hiddenLayerSizes(hidden)
                    .activation("relu")
                    .solver(solver)
                    .learningRateInit(0.001)
                    .alpha(0.0001)
                    .maxIter(maxIter)
                    .randomState(seed);
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            clf.fit(xTrain, yTrain);
            double s = (System.nanoTime() - t0) / 1e9;
            if (r == 0) {
                cold = s;
                coldCpu = (processCpuNanos() - c0) / 1e9;
            }
            if (r >= firstWarm) {
                warm[r - firstWarm] = s;
                warmCpu[r - firstWarm] = (processCpuNanos() - c0) / 1e9;
            }
        }
        Arrays.sort(warm);
        double warmMedian = warm.length == 0 ? cold : warm[warm.length / 2];
        Arrays.sort(warmCpu);
        double warmCpuMedian = warmCpu.length == 0 ? coldCpu : warmCpu[warmCpu.length / 2];
        double acc = clf.score(xTest, yTest);
        System.out.printf(
                "RESULT %s acc=%.4f fit_s=%.3f cold_s=%.3f n_iter=%d cold_cpu_s=%.3f warm_cpu_s=%.3f start_s=%.3f%n",
                args[1], acc, warmMedian, cold, clf.nIter(), coldCpu, warmCpuMedian, startS);
    }

    /**
     * CPU time of the whole process, all threads (the JIT compiler's included): steadier than the wall clock
     * when other programs share the cores.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private record Data(float[][] x, int[] y) {}

    private static Data readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        float[][] x = new float[lines.size()][];
        int[] y = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(",");
            y[i] = (int) Double.parseDouble(parts[0]);
            x[i] = new float[parts.length - 1];
            for (int j = 1; j < parts.length; j++) {
                x[i][j - 1] = Float.parseFloat(parts[j]);
            }
        }
        return new Data(x, y);
    }

    /** The first {@code limit} rows of an [N, F] tensor as arrays (the estimators take float[][]). */
    private static float[][] firstRows(dev.myelin.tensor.Tensor x, int limit) {
        int n = Math.min(limit, x.size(0)), cols = x.size(1);
        float[][] rows = new float[n][cols];
        for (int i = 0; i < n; i++) System.arraycopy(x.data(), i * cols, rows[i], 0, cols);
        return rows;
    }

    private static int[] firstLabels(dev.myelin.tensor.Tensor y, int limit) {
        int n = Math.min(limit, y.size(0));
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = (int) y.data()[i];
        return labels;
    }
}
