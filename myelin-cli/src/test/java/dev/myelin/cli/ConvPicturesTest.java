package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.plot.FeatureMap;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk behind filters.png and feature-maps.png, on stand-ins for the conv layers: any module with a 4-D
 * weight and a [N, C, H, W] output counts as a convolution.
 */
class ConvPicturesTest {
    @TempDir
    Path dir;

    /** Flat [N, 16] rows to [N, 1, 4, 4] images. */
    static final class ToImage extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.reshape(x.size(0), 1, 4, 4);
        }
    }

    /** A 1x1 "convolution" from one channel to C: channel c is the input times weight[c]. */
    static final class ChannelScale extends Module {
        final Parameter weight;

        ChannelScale(float... w) {
            weight = registerParameter("weight", new Parameter(new Tensor(w.clone(), w.length, 1, 1, 1)));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(weight.reshape(1, weight.size(0), 1, 1));
        }
    }

    private static Sequential model() {
        Generator gen = new Generator(0);
        Sequential features = new Sequential(new ToImage(), new ChannelScale(1, -2, 0.5f), new ReLU());
        return new Sequential(features, new ChannelScale(3), new Flatten(), new Linear(48, 2, true, gen));
    }

    @Test
    void inputAndEachConvolutionsOutputAreCollectedInOrder() {
        Sequential model = model();
        List<Module> chain = new ArrayList<>();
        assertThat(ConvPictures.flatten(model, chain)).isTrue();
        assertThat(chain).hasSize(6);
        Map<Module, String> names = new IdentityHashMap<>();
        model.namedModules().forEach((n, m) -> names.put(m, n));
        Tensor row = Tensor.arange(16).reshape(1, 16);
        List<FeatureMap> maps = ConvPictures.activations(chain, names, row);
        assertThat(maps)
                .extracting(FeatureMap::name)
                .containsExactly("input", "layer 0.1 (ChannelScale)", "layer 1 (ChannelScale)");
        assertThat(maps.get(0).channels()).isEqualTo(1);
        assertThat(maps.get(1).channels()).isEqualTo(3);
        assertThat(maps.get(1).values()[5]).isEqualTo(5f); // channel 0: x * 1
        assertThat(maps.get(1).values()[16 + 5]).isEqualTo(-10f); // channel 1: x * -2, before the ReLU
        // the second convolution sees the ReLU's output: channel 1 was negative, so zero
        assertThat(maps.get(2).values()[16 + 5]).isZero();
        assertThat(maps.get(2).values()[5]).isEqualTo(15f);
        assertThat(model.isTraining()).isTrue(); // the walk runs in eval mode and restores the mode
    }

    @Test
    void writesFiltersAndFeatureMapsForAConvolutionalModel() throws IOException {
        Sequential model = model();
        assertThat(ConvPictures.applies(model)).isTrue();
        assertThat(ConvPictures.applies(new Sequential(new Linear(2, 2, true, new Generator(0)))))
                .isFalse();
        ConvPictures.write(dir, model, Tensor.arange(16).reshape(1, 16), "test example 0");
        for (String f : List.of("filters.png", "feature-maps.png"))
            assertThat(ImageIO.read(dir.resolve(f).toFile())).as(f).isNotNull();
    }
}
