package dev.myelin.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of docs/ARCHITECTURE.md, checked on myelin-core's compiled classes: kernel ← tensor/autograd ←
 * graph ← nn ← loss/optim ← data/metrics/train/io ← estimator ← tune, and no cycle between any two packages
 * (sub-packages included). A dependency against an arrow fails the build, naming both classes.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.myelin");

    @Test
    void layersPointOneWay() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("kernel")
                .definedBy("dev.myelin.kernel..")
                .layer("tensor")
                .definedBy("dev.myelin.tensor..", "dev.myelin.autograd..")
                .layer("graph")
                .definedBy("dev.myelin.graph..")
                .layer("nn")
                .definedBy("dev.myelin.nn..")
                .layer("loss/optim")
                .definedBy("dev.myelin.loss..", "dev.myelin.optim..")
                .layer("data/train/io")
                .definedBy("dev.myelin.data..", "dev.myelin.metrics..", "dev.myelin.train..", "dev.myelin.io..")
                .layer("estimator")
                .definedBy("dev.myelin.estimator..")
                .layer("tune")
                .definedBy("dev.myelin.tune..")
                .whereLayer("tune")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("estimator")
                .mayOnlyBeAccessedByLayers("tune")
                .whereLayer("data/train/io")
                .mayOnlyBeAccessedByLayers("estimator", "tune")
                .whereLayer("loss/optim")
                .mayOnlyBeAccessedByLayers("data/train/io", "estimator", "tune")
                .whereLayer("nn")
                .mayOnlyBeAccessedByLayers("loss/optim", "data/train/io", "estimator", "tune")
                .whereLayer("graph")
                .mayOnlyBeAccessedByLayers("nn", "loss/optim", "data/train/io", "estimator", "tune")
                .whereLayer("tensor")
                .mayOnlyBeAccessedByLayers("graph", "nn", "loss/optim", "data/train/io", "estimator", "tune")
                .check(CORE);
    }

    @Test
    void metricsAndDataDoNotReachUp() {
        // Within the data/train/io layer: the shared utilities (splits, scalers, metrics) know nothing of training.
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.myelin.metrics..", "dev.myelin.data.split..", "dev.myelin.data.preprocessing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.myelin.train..", "dev.myelin.io..")
                .check(CORE);
    }

    @Test
    void coreKnowsNothingOfPlotOrCli() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.myelin.plot..", "dev.myelin.cli..")
                .check(CORE);
    }

    /**
     * Every package is its own slice. Two kinds of back-arrow are known and allowed, each named here: tensor and
     * autograd form one layer (each op records its node through the engine, and the engine walks tensors), and nn's
     * facade (the functional {@code F}, the {@code ModuleRegistry} of every layer type) reaches into nn.attention,
     * nn.conv, nn.graph and nn.rnn, whose layers are nn modules. Any other cycle fails.
     */
    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.myelin.(**)")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(resideInAPackage("dev.myelin.tensor"), resideInAPackage("dev.myelin.autograd"))
                .ignoreDependency(
                        resideInAPackage("dev.myelin.nn"),
                        resideInAnyPackage(
                                "dev.myelin.nn.attention",
                                "dev.myelin.nn.conv",
                                "dev.myelin.nn.graph",
                                "dev.myelin.nn.rnn"))
                .check(CORE);
    }
}
