package dev.myelin.kernel;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.attention.TransformerEncoderLayer;
import dev.myelin.nn.conv.AvgPool2d;
import dev.myelin.nn.conv.BatchNorm2d;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.nn.conv.MaxPool2d;
import dev.myelin.nn.graph.GCNConv;
import dev.myelin.nn.rnn.GRU;
import dev.myelin.nn.rnn.LSTM;
import dev.myelin.nn.rnn.RNN;
import dev.myelin.optim.Adam;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Small seeded MLP, CNN, recurrent, Transformer and graph models, each run forward (training mode, dropout on), backward
 * and one Adam step, then forward again in eval mode: the ops a user's first models use. {@link SimdPlainParityTest}
 * runs it in the test JVM (SIMD kernels) and, through {@link #main}, in a JVM without the Vector API module (plain
 * kernels), and compares the predictions.
 */
public final class PathProbe {

    private PathProbe() {}

    /** Prints {@code simd=true|false} (and {@code Myelin.info()} to stderr), then one line per model: its name and its eval-mode predictions after the step. */
    public static void main(String[] args) {
        System.out.println("simd=" + Simd.ENABLED);
        System.err.println(dev.myelin.Myelin.info());
        for (Map.Entry<String, float[]> e : run().entrySet()) {
            StringBuilder line = new StringBuilder(e.getKey());
            for (float v : e.getValue()) line.append(' ').append(v);
            System.out.println(line);
        }
    }

    /** Each model's predictions after one training step, by model name. */
    public static Map<String, float[]> run() {
        Map<String, float[]> out = new LinkedHashMap<>();
        Generator g = new Generator(7);
        Module mlp = new Sequential(new Linear(20, 128, g), new ReLU(), new Dropout(0.2, g), new Linear(128, 10, g));
        out.put("mlp", step(mlp, Tensor.randn(new Generator(1), 64, 20), t -> t.softmax(-1), g));
        Module cnn = new Sequential(
                new Conv2d(1, 4, 3, g),
                new BatchNorm2d(4),
                new ReLU(),
                new MaxPool2d(2),
                new Conv2d(4, 6, 3, 1, 1, g),
                new AvgPool2d(2),
                new Flatten(),
                new Linear(6 * 2 * 2, 5, g));
        out.put("cnn", step(cnn, Tensor.randn(new Generator(2), 3, 1, 10, 10), t -> t, g));
        LSTM lstm = new LSTM(8, 16, g);
        out.put(
                "lstm",
                step(
                        lstm,
                        Tensor.randn(new Generator(3), 5, 4, 8),
                        t -> t,
                        g,
                        x -> lstm.forward(x, null).output()));
        GRU gru = new GRU(8, 16, g);
        out.put(
                "gru",
                step(
                        gru,
                        Tensor.randn(new Generator(4), 5, 4, 8),
                        t -> t,
                        g,
                        x -> gru.forward(x, null, null).output()));
        RNN rnn = new RNN(8, 16, g);
        out.put(
                "rnn",
                step(
                        rnn,
                        Tensor.randn(new Generator(5), 5, 4, 8),
                        t -> t,
                        g,
                        x -> rnn.forward(x, null, null).output()));
        Module transformer = new Sequential(new TransformerEncoderLayer(16, 4, g), new LayerNorm(16));
        out.put("transformer", step(transformer, Tensor.randn(new Generator(6), 6, 2, 16), t -> t, g));
        GCNConv gcn = new GCNConv(6, 4, g);
        EdgeIndex edges = EdgeIndex.undirected(new int[] {0, 1, 2, 3, 4}, new int[] {1, 2, 3, 4, 0}, 5);
        out.put("gcn", step(gcn, Tensor.randn(new Generator(8), 5, 6), t -> t, g, x -> gcn.forward(x, edges)));
        return out;
    }

    private static float[] step(Module m, Tensor x, Function<Tensor, Tensor> head, Generator g) {
        return step(m, x, head, g, m::forward);
    }

    /**
     * One training step (loss = Σ head(out)·w for fixed random w) with SGD, then the eval-mode predictions; then an Adam
     * step, whose result is not compared (Adam's normalized step turns last-bit differences of near-zero gradients
     * into steps of ±lr), so that the plain path runs its kernel too.
     */
    private static float[] step(
            Module m, Tensor x, Function<Tensor, Tensor> head, Generator g, Function<Tensor, Tensor> forward) {
        m.train();
        Tensor y = head.apply(forward.apply(x));
        Tensor w = Tensor.randn(new Generator(99), y.shape());
        y.mul(w).sum().backward();
        new SGD(m.parameters(), 0.01).step();
        m.eval();
        float[] predictions = head.apply(forward.apply(x)).values().clone();
        new Adam(m.parameters(), 0.01).step();
        return predictions;
    }
}
