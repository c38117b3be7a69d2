package dev.myelin.nn.conv;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Adaptive 2-D avg pooling to a fixed output size, as {@code nn.AdaptiveAvgPool2d(output_size)}: output
 * (i, j) is the mean of rows [⌊i·H/OH⌋, ⌈(i+1)·H/OH⌉) and columns [⌊j·W/OW⌋, ⌈(j+1)·W/OW⌉), for any input size.
 */
public class AdaptiveAvgPool2d extends Module {
    private static final Arg<AdaptiveAvgPool2d, int[]> OUTPUT_SIZE =
            PoolArgs.pair("outputSize", 1, AdaptiveAvgPool2d::outputSize);
    /** The architecture-JSON type: {@code {"type":"AdaptiveAvgPool2d","outputSize":[7, 7]}} (or one integer). */
    public static final ModuleType<AdaptiveAvgPool2d> TYPE = ModuleType.of(
            AdaptiveAvgPool2d.class,
            List.of(OUTPUT_SIZE),
            (a, gen) -> new AdaptiveAvgPool2d(a.get(OUTPUT_SIZE)),
            a -> new StateShapes());

    private final int[] outputSize;

    /**
     * Pooling to the given output size, as {@code nn.AdaptiveAvgPool2d((oh, ow))}.
     *
     * @param outputSize {height, width} of the output, each {@code >= 1}
     * @throws IllegalArgumentException if it is not two sizes {@code >= 1}
     */
    public AdaptiveAvgPool2d(int[] outputSize) {
        this.outputSize = PoolArgs.checked("AdaptiveAvgPool2d", "outputSize", outputSize, 1);
    }

    /**
     * A square output: {@code nn.AdaptiveAvgPool2d(s)}.
     *
     * @param outputSize the output's height and width, {@code >= 1}
     * @throws IllegalArgumentException if {@code outputSize < 1}
     */
    public AdaptiveAvgPool2d(int outputSize) {
        this(new int[] {outputSize, outputSize});
    }

    /** {@return the output's {height, width} (a copy)} */
    public int[] outputSize() {
        return outputSize.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return PoolF.adaptiveAvg("AdaptiveAvgPool2d", input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + PoolArgs.repr(outputSize);
    }
}
