package dev.myelin.examples;

import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Activation;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.attention.TransformerEncoderLayer;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * A Transformer (docs/TRANSFORMERS.md): each of 12 numbers is embedded into 16 dimensions, one encoder layer
 * (4 heads, self-attention over the whole sequence) mixes them, and a linear layer on the mean over the steps says
 * whether their sum is positive. 150 full-batch Adam steps on 512 sequences; prints the loss every 50 steps and
 * "test accuracy ..." on 512 new sequences (above 0.9 with these seeds).
 */
public final class TransformerSequence {

    /** Embedding, encoder layer, mean over steps, classifier: a module of its own, as in PyTorch. */
    static final class Classifier extends Module {
        private final Linear embed, head;
        private final TransformerEncoderLayer encoder;

        Classifier(Generator gen) {
            embed = registerModule("embed", new Linear(1, 16, gen));
            encoder = registerModule("encoder", new TransformerEncoderLayer(16, 4, 64, 0.0, Activation.RELU, 1e-5, true, false, gen));
            head = registerModule("head", new Linear(16, 2, gen));
        }

        @Override
        public Tensor forward(Tensor x) {                                        // x [N, T, 1]
            return head.forward(encoder.forward(embed.forward(x)).mean(1));       // [N, 2]
        }
    }

    private TransformerSequence() {
    }

    public static void main(String[] args) {
        Generator gen = new Generator(5);
        SequenceSign train = new SequenceSign(512, gen), test = new SequenceSign(512, gen);
        Classifier model = new Classifier(gen);
        Adam optimizer = new Adam(model.parameters(), 0.01);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        for (int step = 1; step <= 150; step++) {
            Tensor loss = criterion.forward(model.forward(train.x), train.y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (step % 50 == 0) System.out.printf("step %d loss %.4f%n", step, loss.item());
        }
        model.eval();
        System.out.printf("test accuracy %.4f%n", test.accuracy(model.forward(test.x)));
    }
}
