package dev.myelin.examples;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.io.ModelFile;
import dev.myelin.io.StateFile;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Trains a {@link TwoLayerNet} on two moons and saves it twice into the directory given as the first argument
 * (default {@code target/custom-model}): with {@code ModelFile} (architecture + weights: {@link LoadCustomModel}
 * rebuilds it from the file alone, once the type is registered) and as a bare state dict (loaded into a module the
 * other program constructs itself). Prints the final loss and "predictions [...]": the logits of three points, which
 * {@link LoadCustomModel} prints again from each file.
 */
public final class SaveCustomModel {
    /** Three points whose predictions both programs print. */
    static final Tensor POINTS = new Tensor(new float[] {-1f, 0.5f, 0.5f, -0.3f, 2f, 0.4f}, 3, 2);

    private SaveCustomModel() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/custom-model");
        Files.createDirectories(dir);
        TwoLayerNet.register();

        Generator gen = new Generator(42);
        TensorDataset data = SyntheticData.twoMoons(200, 0.1, gen);
        TwoLayerNet net = new TwoLayerNet(2, 16, 2, gen);
        Adam optimizer = new Adam(net.parameters(), 0.05);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        float last = Float.NaN;
        for (int step = 0; step < 200; step++) {
            Tensor l = loss.forward(net.forward(data.features()), data.targets());
            optimizer.zeroGrad();
            l.backward();
            optimizer.step();
            last = l.item();
        }
        System.out.printf("final loss %.4f%n", last);

        ModelFile.save(dir.resolve("two-layer-net.safetensors"), net);                      // architecture + weights
        StateFile.save(dir.resolve("two-layer-net-state.safetensors"), net.stateDict(), Map.of()); // weights only
        net.eval();
        System.out.println("predictions " + Arrays.toString(net.forward(POINTS).values()));
    }
}
