package dev.myelin.bench;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Sparse;
import dev.myelin.kernel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The sparse × dense product of a graph layer: A·X for a random graph of 100k nodes and 1M directed edges (endpoints
 * uniform, one weight per edge) and X [100k, 64], through {@code Sparse.mm} (the CSR kernel {@code SpMM}, rows split
 * over the pool). Rows: {@code fwd} (the product, a new output each call) and {@code fwd_bwd} (the product and its
 * backward to X, the transposed CSR). The CSR and its transpose are built once, before timing, as a layer on a fixed
 * graph does; their build time is printed as a comment. The twin is {@code bench/spmm_torch.py}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.myelin.bench.SpmmBench
 * [--threads N] [--reps N] [--nodes N] [--edges N] [--features N]}. Prints a TSV: name, ms (wall time, median of reps),
 * min, max, cpu_ms (the process's CPU time per call, median: less sensitive to other work on a shared machine than
 * wall time, though it counts spinning workers and the JIT).
 */
public final class SpmmBench {
    private SpmmBench() {}

    static double sink;

    public static void main(String[] args) {
        int threads = Parallel.threads(), reps = 9, nodes = 100_000, edges = 1_000_000, features = 64;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--edges" -> edges = Integer.parseInt(args[++i]);
                case "--features" -> features = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (expected --threads N, --reps N, --nodes N, --edges N, --features N)");
            }
        }
        Parallel.setThreads(threads);
        Generator gen = new Generator(42);
        int[] src = new int[edges], dst = new int[edges];
        for (int e = 0; e < edges; e++) {
            src[e] = gen.nextInt(nodes);
            dst[e] = gen.nextInt(nodes);
        }
        EdgeIndex graph = EdgeIndex.of(src, dst, nodes);
        Tensor w = Tensor.rand(gen, edges),
                x = Tensor.randn(gen, nodes, features),
                g = Tensor.randn(gen, nodes, features);
        long t0 = System.nanoTime();
        graph.adjacency().csr();
        graph.adjacency().transposedCsr();
        double buildMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "# myelin SpmmBench threads=%d reps=%d nodes=%d edges=%d features=%d csr+transposed build %.1f ms (once per graph)%n",
                threads,
                reps,
                nodes,
                edges,
                features,
                buildMs);
        Runnable fwd = () -> sink += Sparse.mm(graph.adjacency(), w, x).numel();
        Tensor xg = x.detach().requiresGrad(true);
        Runnable fwdBwd = () -> {
            xg.zeroGrad();
            Sparse.mm(graph.adjacency(), w, xg).backward(g);
            sink += xg.grad().numel();
        };
        for (int i = 0; i < 5; i++) { // warm-up: compile the vector paths
            fwd.run();
            fwdBwd.run();
        }
        System.out.println("name\tms\tmin\tmax\tcpu_ms");
        row("fwd", fwd, reps);
        row("fwd_bwd", fwdBwd, reps);
        if (sink == 42) System.out.println("#");
    }

    private static void row(String name, Runnable r, int reps) {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] ms = new double[reps], cpu = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c = os.getProcessCpuTime(), t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (os.getProcessCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(
                Locale.ROOT, "%s\t%.3f\t%.3f\t%.3f\t%.3f%n", name, ms[reps / 2], ms[0], ms[reps - 1], cpu[reps / 2]);
    }
}
