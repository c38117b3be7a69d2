package dev.myelin.bench;

import dev.myelin.kernel.Softmax;
import dev.myelin.kernel.VectorOps;
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
 * JMH benchmarks of a few {@link VectorOps} loops and {@link Softmax}, plus the scalar
 * {@code Math.exp} loop that the vectorized exp replaced (kept to re-check that choice).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ElementwiseJmh {

    /** Number of elements. */
    @Param({"1024", "1048576"})
    public int n;

    private float[] x;
    private float[] y;
    private float[] out;

    /** Random inputs in [-4, 4). */
    @Setup
    public void setup() {
        Random rnd = new Random(1);
        x = new float[n];
        y = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 8 - 4;
            y[i] = rnd.nextFloat() * 8 - 4;
        }
    }

    /** out = x + y. */
    @Benchmark
    public float[] add() {
        VectorOps.add(x, 0, y, 0, out, 0, n);
        return out;
    }

    /** y += 0.5 x. */
    @Benchmark
    public float[] axpy() {
        VectorOps.axpy(0.5f, x, 0, out, 0, n);
        return out;
    }

    /** Vectorized exp (Vector API EXP). */
    @Benchmark
    public float[] exp() {
        VectorOps.exp(x, 0, out, 0, n);
        return out;
    }

    /** Scalar Math.exp loop, for comparison with {@link #exp()}. */
    @Benchmark
    public float[] expScalarLoop() {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.exp(x[i]);
        }
        return out;
    }

    /** Sigmoid. */
    @Benchmark
    public float[] sigmoid() {
        VectorOps.sigmoid(x, 0, out, 0, n);
        return out;
    }

    /** Sum reduction. */
    @Benchmark
    public float sum() {
        return VectorOps.sum(x, 0, n);
    }

    /** Softmax over rows of 1024 columns. */
    @Benchmark
    public float[] softmaxRows() {
        Softmax.softmaxRows(x, out, n / 1024, 1024);
        return out;
    }
}
