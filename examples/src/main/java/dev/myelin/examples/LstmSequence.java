package dev.myelin.examples;

import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.rnn.LSTM;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent network (docs/RNN.md): an LSTM reads 12 numbers one step at a time and a linear layer on its last
 * hidden state says whether their sum is positive. 150 full-batch Adam steps on 512 sequences; prints the loss every
 * 50 steps and "test accuracy ..." on 512 new sequences (above 0.9 with these seeds).
 */
public final class LstmSequence {
    private LstmSequence() {
    }

    public static void main(String[] args) {
        Generator gen = new Generator(3);
        SequenceSign train = new SequenceSign(512, gen), test = new SequenceSign(512, gen);
        LSTM lstm = new LSTM(1, 16, 1, true, true, 0.0, false, gen);           // batch first: [N, T, features]
        Linear head = new Linear(16, 2, gen);
        List<dev.myelin.nn.Parameter> params = new ArrayList<>(lstm.parameters());
        params.addAll(head.parameters());
        Adam optimizer = new Adam(params, 0.02);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        for (int step = 1; step <= 150; step++) {
            Tensor loss = criterion.forward(logits(lstm, head, train.x), train.y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (step % 50 == 0) System.out.printf("step %d loss %.4f%n", step, loss.item());
        }
        System.out.printf("test accuracy %.4f%n", test.accuracy(logits(lstm, head, test.x)));
    }

    /** The head on the last step's hidden state. */
    private static Tensor logits(LSTM lstm, Linear head, Tensor x) {
        Tensor out = lstm.forward(x, null).output();                              // [N, T, 16]
        return head.forward(out.select(1, SequenceSign.STEPS - 1));
    }
}
