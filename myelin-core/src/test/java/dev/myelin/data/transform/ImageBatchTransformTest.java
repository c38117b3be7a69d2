package dev.myelin.data.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images as [N, C, H, W]: the image transforms take a whole batch, image by image, and the loader augments 4-D data. */
class ImageBatchTransformTest {
    private static Tensor batch() {
        return Tensor.arange(3 * 2 * 5 * 5).reshape(3, 2, 5, 5);
    }

    @Test
    void aBatchIsTransformedAsItsImagesOneByOneWithTheSameDraws() {
        for (Transform t : List.of(
                new RandomCrop(2), new RandomRotation(30), new RandomHorizontalFlip(), new GaussianNoise(0.1))) {
            Tensor x = batch();
            Tensor whole = t.apply(x, new Generator(7));
            assertThat(whole.shape()).containsExactly(3, 2, 5, 5);
            Generator g = new Generator(7);
            Tensor[] one = new Tensor[3];
            for (int i = 0; i < 3; i++) one[i] = t.apply(x.select(0, i).contiguous(), g);
            assertThat(whole.toArray())
                    .as(t.getClass().getSimpleName())
                    .containsExactly(Tensor.stack(List.of(one), 0).toArray());
        }
    }

    /** A Compose applies each transform to the whole batch in turn (torchvision's order on a batch tensor). */
    @Test
    void composeRunsEachTransformOverTheBatch() {
        Transform crop = new RandomCrop(1), rotate = new RandomRotation(10);
        Generator g = new Generator(5);
        Tensor expected = rotate.apply(crop.apply(batch(), g), g);
        assertThat(Compose.of(crop, rotate).apply(batch(), new Generator(5)).toArray())
                .containsExactly(expected.toArray());
    }

    @Test
    void imagesOfABatchGetTheirOwnRandomShift() {
        Tensor x = Tensor.ones(16, 1, 6, 6);
        Tensor shifted = new RandomCrop(2).apply(x, new Generator(3));
        // the fill (0) covers a different border in different images: their pixel sums differ
        java.util.Set<Float> sums = new java.util.HashSet<>();
        for (int i = 0; i < 16; i++) sums.add(shifted.select(0, i).sum().item());
        assertThat(sums.size()).isGreaterThan(3);
    }

    @Test
    void theLoaderAugmentsFourDimensionalImages() {
        TensorDataset data = new TensorDataset(batch(), Tensor.arange(3));
        DataLoader<Batch> loader = DataLoader.builder(data)
                .batchSize(3)
                .transform(new RandomHorizontalFlip(1))
                .build();
        Batch b = loader.iterator().next();
        assertThat(b.inputs().shape()).containsExactly(3, 2, 5, 5);
        assertThat(b.inputs().toArray())
                .containsExactly(RandomHorizontalFlip.flip(batch().reshape(6, 5, 5))
                        .reshape(3, 2, 5, 5)
                        .toArray());
    }

    @Test
    void fiveDimensionsAreRefused() {
        assertThatThrownBy(() -> new RandomCrop(1).apply(Tensor.zeros(1, 1, 1, 2, 2), new Generator(0)))
                .hasMessageContaining("RandomCrop")
                .hasMessageContaining("[N, C, H, W]");
    }
}
