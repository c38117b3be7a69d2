package dev.myelin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The course's PyTorch example, line for line in Java (this is the README's library example):
 * X = randn(100, 10), y = row sums, MLP [32, 16], MSE, Adam(1e-3). Issue 4 asks for a final loss
 * below 0.05 within 2000 steps.
 */
class CourseRegressionExampleTest {

    /** The course's "Specify MLP" class, written as a user would write it. */
    static class CourseMLP extends Module {
        private final Sequential model;

        CourseMLP(int inputDim, List<Integer> hiddenLayers, int outputDim, Generator gen) {
            List<Module> layers = new ArrayList<>();
            int prevDim = inputDim;
            for (int h : hiddenLayers) { // depth and width
                layers.add(new Linear(prevDim, h, true, gen));
                layers.add(new ReLU());
                prevDim = h;
            }
            layers.add(new Linear(prevDim, outputDim, true, gen));
            model = registerModule("model", new Sequential(layers));
        }

        @Override
        public Tensor forward(Tensor x) {
            return model.forward(x);
        }
    }

    @Test
    void theSeedRegressionReachesALossBelow005Within2000Steps() {
        Generator gen = new Generator(0);
        Tensor X = Tensor.randn(gen, 100, 10);
        Tensor y = X.sum(1, true); // simple target

        MLP model = new MLP(10, List.of(32, 16), 1, gen); // try: [8], [64, 64], [128, 64, 32]
        MSELoss criterion = new MSELoss(); // regression
        double learningRate = 1e-3; // try: 1e-1, 1e-4
        Adam optimizer = new Adam(model.parameters(), learningRate);

        float first = Float.NaN, last = Float.NaN;
        for (int epoch = 0; epoch < 2000; epoch++) {
            Tensor predictions = model.forward(X); // forward pass
            Tensor loss = criterion.forward(predictions, y);
            optimizer.zeroGrad(); // backpropagation
            loss.backward();
            optimizer.step();
            if (epoch == 0) first = loss.item();
            last = loss.item();
        }
        assertThat(first).isGreaterThan(1f);
        assertThat(last).isLessThan(0.05f);
    }

    @Test
    void theHandWrittenCourseClassHasTheSameParametersAsTheLibraryMlp() {
        CourseMLP mine = new CourseMLP(10, List.of(32, 16), 1, new Generator(3));
        MLP library = new MLP(10, List.of(32, 16), 1, new Generator(3));
        assertThat(mine.namedParameters().keySet())
                .containsExactlyElementsOf(library.namedParameters().keySet());
        Tensor x = Tensor.randn(new Generator(4), 5, 10);
        assertThat(mine.forward(x).toArray()).containsExactly(library.forward(x).toArray());
    }

    @Test
    void sameSeedSameThreadsGivesAnIdenticalLossHistory() {
        assertThat(lossHistory(11)).containsExactly(lossHistory(11));
        assertThat(lossHistory(11)).isNotEqualTo(lossHistory(12));
    }

    private static float[] lossHistory(long seed) {
        Generator gen = new Generator(seed);
        Tensor X = Tensor.randn(gen, 100, 10), y = X.sum(1, true);
        MLP model = new MLP(10, List.of(32, 16), 1, gen);
        Adam optimizer = new Adam(model.parameters(), 1e-2);
        float[] history = new float[50];
        for (int i = 0; i < history.length; i++) {
            Tensor loss = new MSELoss().forward(model.forward(X), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            history[i] = loss.item();
        }
        return history;
    }
}
