package dev.myelin.bench;

import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.io.SafeTensors;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The twin check of the transformer built-in against PyTorch: the network of {@link TransformerEpochBench} starts
 * from the initial weights {@code transformer_torch.py twin} wrote (PyTorch's names, matched to Myelin's in order,
 * shapes checked), trains one epoch on the training images in file order (no shuffle; batch 128, Adam 1e-3) and
 * prints the losses at the steps the script prints, the mean loss of the last 100 steps and the test accuracy. With
 * dropout 0 the two runs do the same arithmetic up to float rounding, so their losses agree step by step; with
 * dropout the masks differ and only the statistics compare. Arguments: {@code --init FILE [--dropout P] [--seed S]}
 * (the seed draws Myelin's dropout masks).
 */
public final class TransformerTwin {
    private TransformerTwin() {}

    /** The steps (1-based) whose losses are printed: transformer_torch.py's TWIN_STEPS. */
    private static final int[] STEPS = {1, 2, 3, 5, 10, 20, 50, 100, 200, 300, 400, 469};

    public static void main(String[] args) throws Exception {
        Path init = null;
        double dropout = 0;
        long seed = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--init" -> init = Path.of(args[++i]);
                case "--dropout" -> dropout = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + " (expected --init FILE, --dropout P, --seed S)");
            }
        }
        if (init == null) throw new IllegalArgumentException("--init FILE is required (transformer_torch.py twin)");
        Module model = TransformerEpochBench.model(new Generator(seed), dropout);
        model.loadStateDict(byOrder(SafeTensors.read(init).tensors(), model.stateDict()));
        ImageDataSet data = DatasetRegistry.defaults().load("fashion-mnist", true);
        Tensor x = data.train().features(), y = data.train().targets();
        Adam optimizer = new Adam(model.parameters(), 1e-3);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        int n = x.size(0), batches = (n + 127) / 128;
        double[] losses = new double[batches];
        model.train();
        for (int i = 0; i < batches; i++) {
            int rows = Math.min(128, n - i * 128);
            optimizer.zeroGrad();
            Tensor loss = criterion.forward(model.forward(x.narrow(0, i * 128, rows)), y.narrow(0, i * 128, rows));
            loss.backward();
            optimizer.step();
            losses[i] = loss.item();
        }
        for (int s : STEPS) System.out.printf(Locale.ROOT, "step %d\tloss %.6f%n", s, losses[s - 1]);
        double last = Arrays.stream(losses, batches - 100, batches).average().orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "twin\tlast100_loss=%.6f\ttest_acc=%.4f%n",
                last,
                TransformerEpochBench.accuracy(
                        model, data.test().features(), data.test().targets()));
    }

    /** PyTorch's tensors under Myelin's names: the i-th of one to the i-th of the other, shapes checked. */
    private static Map<String, Tensor> byOrder(Map<String, Tensor> torch, Map<String, Tensor> mine) {
        List<String> theirs = new ArrayList<>(torch.keySet()), ours = new ArrayList<>(mine.keySet());
        if (theirs.size() != ours.size())
            throw new IllegalArgumentException(
                    "the init file has " + theirs.size() + " tensors, the network " + ours.size());
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < ours.size(); i++) {
            Tensor t = torch.get(theirs.get(i));
            if (!Arrays.equals(t.shape(), mine.get(ours.get(i)).shape()))
                throw new IllegalArgumentException(
                        theirs.get(i) + " " + Arrays.toString(t.shape()) + " does not fit " + ours.get(i) + " "
                                + Arrays.toString(mine.get(ours.get(i)).shape()));
            state.put(ours.get(i), t);
        }
        return state;
    }
}
