package dev.myelin.bench;

import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.rnn.GRU;
import dev.myelin.nn.rnn.LSTM;
import dev.myelin.nn.rnn.RecurrentBase;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The recurrent benchmark model, as bench/rnn_torch.py's: x [B, T, 28] batch first → one LSTM or GRU layer
 * of hidden 128 → the last step's output → Linear(128, 10) → cross-entropy, trained by Adam(1e-3).
 */
final class RnnModel {
    static final int FEATURES = 28, HIDDEN = 128, CLASSES = 10;

    private final RecurrentBase rnn;
    private final Linear head;
    private final Adam optimizer;
    private final CrossEntropyLoss criterion = new CrossEntropyLoss();

    /** @param kind "lstm" or "gru" */
    RnnModel(String kind, Generator gen) {
        rnn = switch (kind) {
            case "lstm" -> new LSTM(FEATURES, HIDDEN, 1, true, true, 0, false, gen);
            case "gru" -> new GRU(FEATURES, HIDDEN, 1, true, true, 0, false, gen);
            default -> throw new IllegalArgumentException("kind must be lstm or gru, got " + kind);
        };
        head = new Linear(HIDDEN, CLASSES, gen);
        List<Parameter> params = new ArrayList<>(rnn.parameters());
        params.addAll(head.parameters());
        optimizer = new Adam(params, 1e-3);
    }

    /** Class scores [B, 10] for x [B, T, 28]. */
    Tensor forward(Tensor x) {
        Tensor out = rnn.call(x).get("output");
        return head.forward(out.select(1, out.size(1) - 1));
    }

    /** One training step on a batch; returns the loss. */
    float trainStep(Tensor x, Tensor y) {
        optimizer.zeroGrad();
        Tensor loss = criterion.forward(forward(x), y);
        loss.backward();
        optimizer.step();
        return loss.item();
    }

    void eval() {
        rnn.eval();
        head.eval();
    }
}
