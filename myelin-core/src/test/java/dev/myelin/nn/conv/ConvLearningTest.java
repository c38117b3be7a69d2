package dev.myelin.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.NoGrad;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A small CNN (conv, ReLU, transposed conv, conv, linear) learns to tell vertical from horizontal bars. */
class ConvLearningTest {

    @Test
    void aSmallCnnLearnsBarOrientation() {
        Generator gen = new Generator(3);
        int n = 64, size = 8;
        float[] images = new float[n * size * size], labels = new float[n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            boolean vertical = i % 2 == 0;
            int line = rnd.nextInt(size);
            labels[i] = vertical ? 1 : 0;
            for (int r = 0; r < size; r++)
                for (int c = 0; c < size; c++)
                    images[i * size * size + r * size + c] =
                            (vertical ? c == line : r == line) ? 1f : 0.1f * (float) rnd.nextGaussian();
        }
        Tensor x = Tensor.fromArray(images, n, 1, size, size), y = Tensor.fromArray(labels, n);
        Sequential model = new Sequential(
                new Conv2d(1, 4, 3, 1, 1, gen),
                new ReLU(),
                new ConvTranspose2d(4, 4, 3, 2, 1, 1, gen),
                new ReLU(), // 8x8 -> 16x16
                Conv2d.builder(4, 4, 4).stride(4).build(gen),
                new ReLU(), // 16x16 -> 4x4
                new Flatten(),
                new Linear(4 * 4 * 4, 2, gen));
        Adam opt = new Adam(model.parameters(), 0.01);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        float first = 0, last = 0;
        for (int step = 0; step < 60; step++) {
            opt.zeroGrad();
            Tensor l = loss.forward(model.forward(x), y);
            l.backward();
            opt.step();
            if (step == 0) first = l.item();
            last = l.item();
        }
        assertThat(last).isLessThan(first / 10);
        try (var off = NoGrad.enter()) {
            assertThat(model.forward(x).argmax(1).eq(y).mean().item()).isEqualTo(1f);
        }
    }
}
