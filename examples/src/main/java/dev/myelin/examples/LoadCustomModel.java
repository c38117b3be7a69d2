package dev.myelin.examples;

import dev.myelin.io.ModelFile;
import dev.myelin.io.StateFile;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads the two files {@link SaveCustomModel} wrote (directory as the first argument, default
 * {@code target/custom-model}) and prints "predictions [...]" from each: the same numbers the saving program printed.
 * <ol>
 *   <li>{@code ModelFile.load}: the file names the module type ("TwoLayerNet") and its settings; the type must be
 *       registered in this program too, else loading fails with "unknown module type".</li>
 *   <li>A state dict: this program builds the module with its own constructor and copies the weights in
 *       ({@code StateFile.loadInto} checks names and shapes first, as PyTorch's {@code load_state_dict}).</li>
 * </ol>
 */
public final class LoadCustomModel {
    private LoadCustomModel() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/custom-model");

        TwoLayerNet.register();                                                     // 1. by type name
        Module model = ModelFile.load(dir.resolve("two-layer-net.safetensors")).model();
        model.eval();
        System.out.println("predictions " + Arrays.toString(model.forward(SaveCustomModel.POINTS).values()));

        TwoLayerNet net = new TwoLayerNet(2, 16, 2, new Generator(0));              // 2. state dict + constructor
        StateFile.loadInto(dir.resolve("two-layer-net-state.safetensors"), net.stateDict());
        net.eval();
        System.out.println("predictions " + Arrays.toString(net.forward(SaveCustomModel.POINTS).values()));
    }
}
