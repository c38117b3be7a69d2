package dev.myelin.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Unflatten;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Behaviour of the image layers beyond their numbers: shapes, errors, channel dropout, indices, printing. */
class ImageLayersTest {

    @Test
    void wrongInputShapesNameTheLayerTheExpectedShapeAndWhatCame() {
        Tensor flat = Tensor.zeros(4, 784);
        assertThatThrownBy(() -> new MaxPool2d(2).forward(flat))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("MaxPool2d: expected input of shape [N, C, H, W] (or unbatched [C, H, W]), got [4, 784]");
        assertThatThrownBy(() -> new AvgPool2d(2).forward(flat))
                .hasMessageStartingWith("AvgPool2d: expected input of shape [N, C, H, W]");
        assertThatThrownBy(() -> new AdaptiveAvgPool2d(1).forward(flat))
                .hasMessageStartingWith("AdaptiveAvgPool2d: expected input of shape [N, C, H, W]");
        assertThatThrownBy(() -> new AdaptiveMaxPool2d(1).forward(flat))
                .hasMessageStartingWith("AdaptiveMaxPool2d: expected input of shape [N, C, H, W]");
        assertThatThrownBy(() -> new BatchNorm2d(3).forward(Tensor.zeros(4, 3, 5)))
                .hasMessage("BatchNorm2d: expected input of shape [N, C, H, W], got [4, 3, 5]");
        assertThatThrownBy(() -> new BatchNorm2d(3).forward(Tensor.zeros(4, 2, 5, 5)))
                .hasMessageContaining("BatchNorm2d: expected 3 channels");
        assertThatThrownBy(() -> new BatchNorm1d(3).forward(Tensor.zeros(4, 3, 5, 5)))
                .hasMessage("BatchNorm1d: expected input of shape [N, C] or [N, C, L], got [4, 3, 5, 5]");
        assertThatThrownBy(() -> new Dropout2d(0.5, new Generator(0)).forward(flat))
                .hasMessageStartingWith("Dropout2d: expected input of shape [N, C, H, W]");
        assertThatThrownBy(() -> new Upsample(2.0, Upsample.Mode.BILINEAR).forward(Tensor.zeros(1, 3, 4)))
                .hasMessageStartingWith("Upsample: expected input of shape [N, C, H, W]");
        assertThatThrownBy(() -> new MaxPool2d(3).forward(Tensor.zeros(1, 1, 2, 8)))
                .hasMessage(
                        "MaxPool2d: input height 2 is too small for kernel 3 (padding 0, dilation 1): the output height would be 0");
    }

    @Test
    void badSettingsFailAtConstruction() {
        assertThatThrownBy(() -> new MaxPool2d(2, 2, 2))
                .hasMessageContaining("MaxPool2d: padding should be at most half of the kernel size");
        assertThatThrownBy(() -> new MaxPool2d(0))
                .hasMessageContaining("MaxPool2d: kernelSize must be two integers ≥ 1, got [0, 0]");
        assertThatThrownBy(() -> new AvgPool2d(new int[] {2, 2}, null, new int[] {0, 0}, false, true, 0))
                .hasMessageContaining("AvgPool2d: divisorOverride must be positive");
        assertThatThrownBy(() -> new Upsample(new int[] {4, 4}, 2.0, Upsample.Mode.NEAREST, false))
                .hasMessageContaining("only one of size and scaleFactor");
        assertThat(new Upsample(2.0, Upsample.Mode.NEAREST)
                        .forward(Tensor.zeros(1, 1, 2, 2))
                        .shape())
                .containsExactly(1, 1, 4, 4);
        assertThatThrownBy(
                        () -> new Upsample(null, null, Upsample.Mode.NEAREST, false).forward(Tensor.zeros(1, 1, 2, 2)))
                .hasMessageContaining("Upsample: give exactly one of size and scaleFactor");
        assertThatThrownBy(() -> new Dropout2d(1.5, new Generator(0)))
                .hasMessageContaining("Dropout2d: probability p must be in [0, 1]");
        assertThatThrownBy(() -> new Unflatten(1, 2, 3).forward(Tensor.zeros(2, 7)))
                .hasMessage(
                        "Unflatten: dim 1 of input shape [2, 7] has size 7, which is not the product of sizes [2, 3] (6)");
    }

    @Test
    void maxPoolWithIndicesHasTwoOutputs() {
        MaxPool2d pool = new MaxPool2d(new int[] {2, 2}, null, new int[] {0, 0}, new int[] {1, 1}, true, false);
        Tensor x = Tensor.fromArray(new float[] {1, 5, 2, 0, 3, 4, 9, 8}, 1, 1, 2, 4);
        var out = pool.call(x);
        assertThat(out.get("output").toArray()).containsExactly(5, 9);
        assertThat(out.get("indices").toArray()).containsExactly(1, 6);
        assertThat(pool.forwardWithIndices(x).indices().toArray()).containsExactly(1, 6);
        assertThatThrownBy(() -> pool.forward(x)).hasMessageContaining("use forwardWithIndices(x) or call(x)");
        assertThat(new MaxPool2d(2).forward(x).shape()).containsExactly(1, 1, 1, 2);
    }

    @Test
    void dropout2dDropsWholeChannelsReproducibly() {
        Tensor x = Tensor.ones(8, 16, 3, 3);
        Dropout2d drop = new Dropout2d(0.25, new Generator(7));
        float[] y = drop.forward(x).toArray();
        int dropped = 0;
        for (int ch = 0; ch < 8 * 16; ch++) {
            float first = y[ch * 9];
            assertThat(first).isIn(0f, 1f / 0.75f);
            for (int i = 1; i < 9; i++)
                assertThat(y[ch * 9 + i]).as("channel %d is one value", ch).isEqualTo(first);
            if (first == 0) dropped++;
        }
        assertThat(dropped).isBetween(16, 48); // 32 expected of 128
        assertThat(new Dropout2d(0.25, new Generator(7)).forward(x).toArray()).containsExactly(y);
        drop.eval();
        assertThat(drop.forward(x)).isSameAs(x);
    }

    @Test
    void unflattenTurnsCsvRowsIntoImagesAndBack() {
        Tensor rows = Tensor.arange(2 * 784).reshape(2, 784);
        Tensor images = new Unflatten(1, 1, 28, 28).forward(rows);
        assertThat(images.shape()).containsExactly(2, 1, 28, 28);
        assertThat(images.get(1, 0, 2, 3)).isEqualTo(784 + 2 * 28 + 3);
        assertThat(new Flatten().forward(images).toArray()).containsExactly(rows.toArray());
        assertThat(new Unflatten(-1, 4, 196).forward(rows).shape()).containsExactly(2, 4, 196);
        Sequential model =
                new Sequential(new Unflatten(1, 1, 28, 28), new MaxPool2d(2), new AdaptiveAvgPool2d(7), new Flatten());
        assertThat(model.forward(rows).shape()).containsExactly(2, 49);
    }

    @Test
    void printsLikePyTorch() {
        assertThat(new MaxPool2d(2).toString())
                .isEqualTo("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)");
        assertThat(new AvgPool2d(new int[] {3, 2}, new int[] {1, 1}, new int[] {1, 0}, true, false, null).toString())
                .isEqualTo("AvgPool2d(kernel_size=(3, 2), stride=1, padding=(1, 0))");
        assertThat(new AdaptiveAvgPool2d(new int[] {3, 2}).toString())
                .isEqualTo("AdaptiveAvgPool2d(output_size=(3, 2))");
        assertThat(new BatchNorm2d(16).toString())
                .isEqualTo("BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)");
        assertThat(new Dropout2d(0.5, new Generator(0)).toString()).isEqualTo("Dropout2d(p=0.5, inplace=False)");
        assertThat(new Upsample(2.0, Upsample.Mode.NEAREST).toString())
                .isEqualTo("Upsample(scale_factor=2.0, mode='nearest')");
        assertThat(new Unflatten(1, 1, 28, 28).toString()).isEqualTo("Unflatten(dim=1, unflattened_size=(1, 28, 28))");
    }
}
