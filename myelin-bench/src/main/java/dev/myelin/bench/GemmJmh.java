package dev.myelin.bench;

import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.Parallel;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of {@link Gemm#sgemm} on every shape of {@link GemmShapes} (time per product;
 * GFLOP/s = 2mnk / time). Run: {@code java --add-modules jdk.incubator.vector -jar
 * target/benchmarks.jar GemmJmh -p threads=2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmJmh {

    /** Shape name from {@link GemmShapes#ALL}. */
    @Param({
        "sq128",
        "sq256",
        "sq512",
        "sq1024",
        "sq2048",
        "sq1024_TN",
        "sq1024_NT",
        "sq1024_TT",
        "mlp1_fwd",
        "mlp1_dW",
        "mlp1_dX",
        "mlp2_fwd",
        "mlp2_dW",
        "mlp2_dX",
        "mlp3_fwd",
        "mlp3_dW",
        "mlp3_dX",
        "tiny_100x32x10"
    })
    public String shape;

    /** Kernel thread count. */
    @Param({"2"})
    public int threads;

    private GemmShapes.Shape s;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Allocates random operands for the selected shape. */
    @Setup
    public void setup() {
        s = GemmShapes.ALL.stream()
                .filter(x -> x.name().equals(shape))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown shape " + shape));
        Parallel.setThreads(threads);
        Random rnd = new Random(42);
        a = new float[s.m() * s.k()];
        b = new float[s.k() * s.n()];
        c = new float[s.m() * s.n()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
    }

    /** One product C = op(A)·op(B). */
    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(
                s.tA(),
                s.tB(),
                s.m(),
                s.n(),
                s.k(),
                a,
                0,
                s.tA() ? s.m() : s.k(),
                b,
                0,
                s.tB() ? s.k() : s.n(),
                c,
                0,
                s.n(),
                false);
        return c;
    }
}
