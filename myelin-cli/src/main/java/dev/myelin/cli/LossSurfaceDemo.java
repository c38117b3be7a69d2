package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.loss.SquaredErrorLoss;
import dev.myelin.plot.Plots;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The course's figure "the loss function with two weights": a linear neuron o = w1·x1 + w2·x2 fitted
 * to t = 2·x1 − x2 (+ noise) with the course's E = ½ Σ (o − t)², averaged over the examples. Gradient
 * descent w := w − η ∇E walks downhill on that surface; the plot shows the surface and the path.
 */
final class LossSurfaceDemo {
    private LossSurfaceDemo() {}

    static int run(PrintStream out, Path dir) throws IOException {
        Generator gen = new Generator(7);
        Tensor x = Tensor.randn(gen, 64, 2);
        Tensor t = x.matmul(Tensor.fromArray(new float[] {2, -1}, 2, 1))
                .add(Tensor.randn(gen, 64, 1).mul(0.1f));
        Tensor w = Tensor.fromArray(new float[] {-2.5f, 2.5f}, 2, 1).requiresGrad(true);
        SquaredErrorLoss criterion = new SquaredErrorLoss();
        double lr = 0.15;
        int steps = 60;
        double[][] path = new double[steps + 1][];
        for (int step = 0; step <= steps; step++) {
            path[step] = new double[] {w.get(0, 0), w.get(1, 0)};
            Tensor loss = criterion.forward(x.matmul(w), t).div(64f);
            if (step % 10 == 0)
                out.printf(
                        Locale.ROOT,
                        "step %2d  w = (%6.3f, %6.3f)  E = %.4f%n",
                        step,
                        w.get(0, 0),
                        w.get(1, 0),
                        loss.item());
            if (step == steps) break;
            w.zeroGrad();
            loss.backward();
            try (var ignored = NoGrad.enter()) { // w := w − η ∇E
                float[] wd = w.data(), g = w.grad().data();
                for (int i = 0; i < wd.length; i++) wd[i] -= (float) (lr * g[i]);
            }
        }
        Path file = Files.createDirectories(dir).resolve("loss-surface.png");
        Plots.lossSurface((w1, w2) -> lossAt(x, t, w1, w2), -3, 4, -3, 3, path, file);
        out.println("loss surface with the gradient-descent path written to " + file);
        double[] end = path[steps];
        return Math.abs(end[0] - 2) < 0.1 && Math.abs(end[1] + 1) < 0.1 ? 0 : 1;
    }

    private static double lossAt(Tensor x, Tensor t, double w1, double w2) {
        float[] xd = x.data(), td = t.data();
        double e = 0;
        for (int i = 0; i < td.length; i++) {
            double d = w1 * xd[2 * i] + w2 * xd[2 * i + 1] - td[i];
            e += 0.5 * d * d;
        }
        return e / td.length;
    }
}
