package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.cli.SpaceSpec.Kind;
import dev.myelin.tune.Categorical;
import dev.myelin.tune.FloatRange;
import dev.myelin.tune.IntRange;
import dev.myelin.tune.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceSpecTest {
    @TempDir
    Path dir;

    @Test
    void rangesLogRangesListsAndFixedValues() {
        assertThat(SpaceSpec.parse("depth", "--depth", Kind.INT, "1:3")).isEqualTo(new IntRange("depth", 1, 3, false));
        assertThat(SpaceSpec.parse("width", "--width", Kind.INT, "16:512:log"))
                .isEqualTo(new IntRange("width", 16, 512, true));
        assertThat(SpaceSpec.parse("lr", "--lr", Kind.FLOAT, "1e-4:1e-1:log"))
                .isEqualTo(new FloatRange("lr", 1e-4, 1e-1, true));
        assertThat(SpaceSpec.parse("dropout", "--dropout", Kind.FLOAT, " 0 : 0.5 "))
                .isEqualTo(new FloatRange("dropout", 0, 0.5, false));
        assertThat(SpaceSpec.parse("width", "--width", Kind.INT, "32,64,128,256"))
                .isEqualTo(new Categorical("width", List.of(32, 64, 128, 256)));
        assertThat(SpaceSpec.parse("lr", "--lr", Kind.FLOAT, "0.01")).isEqualTo(new Categorical("lr", List.of(0.01)));
        assertThat(SpaceSpec.parse("activation", "--activation", Kind.TEXT, "relu,tanh"))
                .isEqualTo(new Categorical("activation", List.of("relu", "tanh")));
        assertThat(SpaceSpec.parse("batchNorm", "--batch-norm", Kind.BOOLEAN, "true,false"))
                .isEqualTo(new Categorical("batchNorm", List.of(true, false)));
        assertThat(SpaceSpec.parse("hidden", "--hidden", Kind.LAYERS, "256,128/512"))
                .isEqualTo(new Categorical("hidden", List.of(List.of(256, 128), List.of(512))));
    }

    @Test
    void errorsNameTheFlagAndTheBadValue() {
        assertThatThrownBy(() -> SpaceSpec.parse("lr", "--lr", Kind.FLOAT, "1e-4:x"))
                .hasMessageStartingWith("--lr: bad value '1e-4:x': 'x' is not a finite number")
                .hasMessageContaining("LO:HI:log");
        assertThatThrownBy(() -> SpaceSpec.parse("lr", "--lr", Kind.FLOAT, "0:1:log"))
                .hasMessageContaining("--lr")
                .hasMessageContaining("LO > 0");
        assertThatThrownBy(() -> SpaceSpec.parse("lr", "--lr", Kind.FLOAT, "1:0.1"))
                .hasMessageContaining("--lr: bad value '1:0.1'")
                .hasMessageContaining("smaller");
        assertThatThrownBy(() -> SpaceSpec.parse("lr", "--lr", Kind.FLOAT, "1e-4:1e-1:ln"))
                .hasMessageContaining("the third part must be 'log'");
        assertThatThrownBy(() -> SpaceSpec.parse("depth", "--depth", Kind.INT, "1.5:3"))
                .hasMessageContaining("--depth: bad value '1.5:3': '1.5' is not an integer");
        assertThatThrownBy(() -> SpaceSpec.parse("width", "--width", Kind.INT, "32,,64"))
                .hasMessageContaining("--width")
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> SpaceSpec.parse("width", "--width", Kind.INT, "32,32"))
                .hasMessageContaining("'32' appears twice");
        assertThatThrownBy(() -> SpaceSpec.parse("activation", "--activation", Kind.TEXT, "relu:tanh"))
                .hasMessageContaining("--activation")
                .hasMessageContaining("numeric");
        assertThatThrownBy(() -> SpaceSpec.parse("hidden", "--hidden", Kind.LAYERS, "256,0"))
                .hasMessageContaining("--hidden")
                .hasMessageContaining(">= 1");
        assertThatThrownBy(() -> SpaceSpec.parse("lr", "--lr", Kind.FLOAT, ""))
                .hasMessageContaining("--lr")
                .hasMessageContaining("empty");
    }

    @Test
    void flagsBuildTheSpaceInAFixedOrderWithMomentumOnlyForSgd() {
        Map<String, String> specs = new LinkedHashMap<>();
        specs.put("momentum", "0.5:0.99");
        specs.put("optimizer", "adam,sgd");
        specs.put("lr", "1e-3");
        Map<String, String> text = new LinkedHashMap<>();
        SearchSpace s = SpaceOptions.fromSpecs(specs, "", text);
        assertThat(s.dimensions().stream().map(d -> d.name()).toList()).containsExactly("optimizer", "lr", "momentum");
        assertThat(s.dimensions().get(2).condition()).isNotNull();
        assertThat(text).containsKeys("optimizer", "lr", "momentum");
        assertThatThrownBy(
                        () -> SpaceOptions.fromSpecs(Map.of("hidden", "64", "depth", "2"), "", new LinkedHashMap<>()))
                .hasMessageContaining("either --hidden or --depth/--width");
    }

    @Test
    void jsonSpaceFileUsesTheSameForms() throws Exception {
        Path file = dir.resolve("space.json");
        Files.writeString(file, """
                {"lr": "1e-4:1e-1:log", "width": [64, 128], "depth": 2, "hidden_ignored": null}""");
        assertThatThrownBy(() -> SpaceOptions.readFile(file)).hasMessageContaining("hidden_ignored");
        Files.writeString(file, """
                {"lr": "1e-4:1e-1:log", "width": [64, 128], "depth": 2, "activation": ["relu", "tanh"]}""");
        SearchSpace s = SpaceOptions.fromSpecs(SpaceOptions.readFile(file), "--space x: ", new LinkedHashMap<>());
        assertThat(s.dimensions())
                .containsExactly(
                        new Categorical("depth", List.of(2)),
                        new Categorical("width", List.of(64, 128)),
                        new Categorical("activation", List.of("relu", "tanh")),
                        new FloatRange("lr", 1e-4, 1e-1, true));
        Files.writeString(file, """
                {"hidden": [[256, 128], [512]]}""");
        assertThat(SpaceOptions.fromSpecs(SpaceOptions.readFile(file), "", new LinkedHashMap<>())
                        .dimensions()
                        .getFirst())
                .isEqualTo(new Categorical("hidden", List.of(List.of(256, 128), List.of(512))));
        Files.writeString(file, """
                {"learning_rate": "0.1:1"}""");
        assertThatThrownBy(
                        () -> SpaceOptions.fromSpecs(SpaceOptions.readFile(file), "--space f: ", new LinkedHashMap<>()))
                .hasMessageContaining("--space f: unknown hyperparameter 'learning_rate'");
        Files.writeString(file, """
                {"lr": "0.1:x"}""");
        assertThatThrownBy(
                        () -> SpaceOptions.fromSpecs(SpaceOptions.readFile(file), "--space f: ", new LinkedHashMap<>()))
                .hasMessageContaining("--space f: lr: bad value '0.1:x'");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> SpaceOptions.readFile(file)).hasMessageContaining("not valid JSON");
    }

    @Test
    void yamlSpaceFileReadsAsTheSameJson() throws Exception {
        Path json = dir.resolve("space.json");
        Files.writeString(json, """
                {"lr": "1e-4:1e-1:log", "width": [64, 128], "depth": 2, "activation": ["relu", "tanh"],
                 "hidden": [[256, 128], [512]], "batch_norm": true}""");
        Path yaml = dir.resolve("space.yaml");
        Files.writeString(yaml, """
                # the same space as YAML
                lr: 1e-4:1e-1:log
                width: [64, 128]
                depth: 2
                activation:
                  - relu
                  - tanh
                hidden: [[256, 128], [512]]
                batch_norm: true
                """);
        assertThat(SpaceOptions.readFile(yaml)).isEqualTo(SpaceOptions.readFile(json));
        Path yml = dir.resolve("bad.yml");
        Files.writeString(yml, "lr: [1, 2\nwidth: 3\n");
        assertThatThrownBy(() -> SpaceOptions.readFile(yml))
                .hasMessageContaining("bad.yml")
                .hasMessageContaining("not valid YAML");
        Files.writeString(yml, "- lr\n- width\n");
        assertThatThrownBy(() -> SpaceOptions.readFile(yml)).hasMessageContaining("a YAML mapping");
    }

    @Test
    void durations() {
        assertThat(TuneCommand.parseDuration("10m")).hasMinutes(10);
        assertThat(TuneCommand.parseDuration("1h30m")).hasMinutes(90);
        assertThat(TuneCommand.parseDuration("90s")).hasSeconds(90);
        assertThatThrownBy(() -> TuneCommand.parseDuration("ten minutes"))
                .hasMessageContaining("--time-limit: bad value 'ten minutes'");
    }

    @Test
    void halvingTrialCount() {
        assertThat(TuneCommand.halvingTrials(9, 3, 3)).isEqualTo(9 + 3 + 1);
        assertThat(TuneCommand.halvingTrials(4, 2, 3)).isEqualTo(4 + 1);
    }
}
