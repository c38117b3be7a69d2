package dev.myelin.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.nn.Architecture;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Wrong inputs and settings get one-line errors naming the layer (or op), what was expected and what came. */
class ConvBadInputTest {
    private final Generator gen = new Generator(1);

    @Test
    void wrongInputShapeNamesTheLayerTheExpectedShapeAndWhatCame() {
        assertThatThrownBy(() -> new Conv2d(3, 8, 3, gen).forward(Tensor.zeros(2, 1, 28, 28)))
                .hasMessage("Conv2d: expected input [N, 3, H, W] (or unbatched [3, H, W]), got [2, 1, 28, 28]");
        assertThatThrownBy(() -> new Conv2d(1, 8, 3, gen).forward(Tensor.zeros(2, 784)))
                .hasMessage("Conv2d: expected input [N, 1, H, W] (or unbatched [1, H, W]), got [2, 784]");
        assertThatThrownBy(() -> new Conv1d(2, 8, 3, gen).forward(Tensor.zeros(2, 3, 10)))
                .hasMessage("Conv1d: expected input [N, 2, L] (or unbatched [2, L]), got [2, 3, 10]");
        assertThatThrownBy(() -> new ConvTranspose2d(4, 2, 3, gen).forward(Tensor.zeros(1, 2, 5, 5)))
                .hasMessageStartingWith("ConvTranspose2d: expected input [N, 4, H, W]");
    }

    @Test
    void kernelLargerThanThePaddedInputIsRejected() {
        assertThatThrownBy(() -> new Conv2d(1, 1, 5, gen).forward(Tensor.zeros(1, 1, 3, 8)))
                .hasMessageStartingWith(
                        "Conv2d: padded input size 3 along dim 2 of input [1, 1, 3, 8] is smaller than the dilated kernel size 5");
        assertThat(new Conv2d(1, 1, 5, 1, 1, gen)
                        .forward(Tensor.zeros(1, 1, 3, 3))
                        .shape())
                .containsExactly(1, 1, 1, 1);
        assertThatThrownBy(() -> ConvF.conv2d(
                        Tensor.zeros(1, 1, 3, 3),
                        Tensor.zeros(1, 1, 3, 3),
                        null,
                        new int[] {1, 1},
                        new int[] {0, 0},
                        new int[] {2, 2},
                        1))
                .hasMessageContaining("smaller than the dilated kernel 5x5");
        assertThatThrownBy(() -> Conv2d.builder(1, 1, 3)
                        .padding(3)
                        .paddingMode(PaddingMode.REFLECT)
                        .build(gen)
                        .forward(Tensor.zeros(1, 1, 3, 3)))
                .hasMessageStartingWith("Conv2d: pad: reflect padding (3, 3)");
    }

    @Test
    void badSettingsAreRejectedWhenTheLayerIsBuilt() {
        assertThatThrownBy(() -> new Conv2d(1, 4, 3, 0, 0, gen))
                .hasMessage("Conv2d: stride must be 2 integers >= 1, got [0, 0]");
        assertThatThrownBy(() -> Conv2d.builder(3, 4, 3).groups(2).build(gen))
                .hasMessage("Conv2d: groups=2 must be positive and divide inChannels=3 and outChannels=4");
        assertThatThrownBy(() -> Conv2d.builder(4, 6, 3).groups(4).build(gen)).hasMessageContaining("groups=4");
        assertThatThrownBy(() -> new Conv1d(2, 2, 0, gen))
                .hasMessageContaining("Conv1d: kernelSize must be 1 integer >= 1");
        assertThatThrownBy(
                        () -> Conv2d.builder(2, 2, 3).stride(2).padding("same").build(gen))
                .hasMessageContaining("padding=\"same\" is not supported for strided convolutions");
        assertThatThrownBy(() -> Conv2d.builder(2, 2, 3).padding("full")).hasMessageContaining("\"full\"");
        assertThatThrownBy(() -> new ConvTranspose2d(2, 2, 3, 1, 0, 1, gen))
                .hasMessageContaining(
                        "ConvTranspose2d: outputPadding (1, 1) must be smaller than either the stride (1, 1) or the dilation (1, 1)");
        assertThatThrownBy(() -> new Conv2d(0, 2, 3, gen))
                .hasMessageContaining("inChannels and outChannels must be positive");
    }

    @Test
    void badArchitectureFieldsNameTheField() {
        assertThatThrownBy(() -> Architecture.fromJson(
                        "{\"type\":\"Conv2d\",\"inChannels\":1,\"outChannels\":2,\"kernelSize\":[3]}"))
                .hasMessageContaining("field $.kernelSize must be an integer >= 1 or an array of 2 of them");
        assertThatThrownBy(
                        () -> Architecture.fromJson(
                                "{\"type\":\"Conv2d\",\"inChannels\":1,\"outChannels\":2,\"kernelSize\":3,\"padding\":\"full\"}"))
                .hasMessageContaining("field $.padding must be");
        assertThatThrownBy(
                        () -> Architecture.fromJson(
                                "{\"type\":\"Conv2d\",\"inChannels\":1,\"outChannels\":2,\"kernelSize\":3,\"paddingMode\":\"mirror\"}"))
                .hasMessageContaining("$.paddingMode")
                .hasMessageContaining("mirror");
        assertThatThrownBy(() -> Architecture.fromJson(
                        "{\"type\":\"Conv2d\",\"inChannels\":3,\"outChannels\":2,\"kernelSize\":3,\"groups\":2}"))
                .hasMessageContaining("groups=2");
    }

    @Test
    void functionalFormsCheckWeightAndBiasShapes() {
        assertThatThrownBy(() -> ConvF.conv2d(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(2, 2, 3, 3), null))
                .hasMessageContaining(
                        "conv2d: input [1, 3, 5, 5] has 3 channels, weight [2, 2, 3, 3] with groups=1 expects 2");
        assertThatThrownBy(() -> ConvF.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(2, 2, 3, 3), Tensor.zeros(3)))
                .hasMessageContaining("conv2d: bias shape [3] must be [2]");
        assertThatThrownBy(() -> ConvF.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(2, 2, 3), null))
                .hasMessageContaining("conv2d: weight must be 4-D");
    }

    @Test
    void defaultInitializationIsPyTorchsKaimingUniformBounds() {
        for (ConvNd m : new ConvNd[] {
            new Conv2d(4, 64, 3, gen),
            Conv2d.builder(8, 16, 5).groups(4).build(gen),
            new ConvTranspose2d(6, 32, 3, gen),
            new Conv1d(3, 32, 7, gen)
        }) {
            int[] ws = m.weight().shape();
            int fanIn = ws[1];
            for (int i = 2; i < ws.length; i++) fanIn *= ws[i];
            double bound =
                    1 / Math.sqrt(fanIn); // kaiming_uniform(a=√5): gain √(2/6), bound gain·√(3/fan_in) = 1/√fan_in
            float[] w = m.weight().toArray(), b = m.bias().toArray();
            double maxW = 0, maxB = 0;
            for (float v : w) maxW = Math.max(maxW, Math.abs(v));
            for (float v : b) maxB = Math.max(maxB, Math.abs(v));
            assertThat(maxW).as("%s weight", m).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
            assertThat(maxB).as("%s bias", m).isLessThanOrEqualTo(bound).isGreaterThan(0.5 * bound);
        }
    }
}
