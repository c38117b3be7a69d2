package dev.myelin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.myelin.cli.SpaceSpec.Kind;
import dev.myelin.train.spec.NetworkConfig;
import dev.myelin.tune.Categorical;
import dev.myelin.tune.Dimension;
import dev.myelin.tune.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The search-space flags of {@code myelin tune} (one per network hyperparameter, see
 * {@link dev.myelin.train.spec.NetworkConfig}), or a JSON space file. Without either, a default space.
 */
final class SpaceOptions {
    /** Hyperparameter name → (flag, kind), in the order dimensions are added. */
    private record Param(String name, String flag, Kind kind) {}

    private static final List<Param> PARAMS = List.of(
            new Param("hidden", "--hidden", Kind.LAYERS),
            new Param("depth", "--depth", Kind.INT),
            new Param("width", "--width", Kind.INT),
            new Param("activation", "--activation", Kind.TEXT),
            new Param("dropout", "--dropout", Kind.FLOAT),
            new Param("batchNorm", "--batch-norm", Kind.BOOLEAN),
            new Param("optimizer", "--optimizer", Kind.TEXT),
            new Param("lr", "--lr", Kind.FLOAT),
            new Param("momentum", "--momentum", Kind.FLOAT),
            new Param("weightDecay", "--weight-decay", Kind.FLOAT),
            new Param("batchSize", "--batch-size", Kind.INT));

    /** Used when no space is given. */
    static final Map<String, String> DEFAULT_SPACE = defaultSpace();

    private static Map<String, String> defaultSpace() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("depth", "1:3");
        m.put("width", "32,64,128,256");
        m.put("activation", "relu,tanh");
        m.put("lr", "1e-4:1e-1:log");
        return m;
    }

    @Option(
            names = "--hidden",
            paramLabel = "W,W/W",
            description = "Layer widths; alternatives separated by '/', e.g. 256,128/512 (instead of --depth/--width).")
    String hidden;

    @Option(names = "--depth", paramLabel = "SPEC", description = "Hidden layers, e.g. 1:3 or 1,2.")
    String depth;

    @Option(
            names = "--width",
            paramLabel = "SPEC",
            description = "Units per hidden layer, e.g. 32,64,128 or 16:512:log.")
    String width;

    @Option(names = "--activation", paramLabel = "SPEC", description = "e.g. relu,tanh.")
    String activation;

    @Option(names = "--dropout", paramLabel = "SPEC", description = "e.g. 0:0.5.")
    String dropout;

    @Option(names = "--batch-norm", paramLabel = "SPEC", description = "true, false or true,false.")
    String batchNorm;

    @Option(
            names = "--optimizer",
            paramLabel = "SPEC",
            description = "e.g. adam,sgd (momentum is searched only for sgd).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "SPEC", description = "Learning rate, e.g. 1e-4:1e-1:log.")
    String lr;

    @Option(names = "--momentum", paramLabel = "SPEC", description = "SGD momentum, e.g. 0.5:0.99.")
    String momentum;

    @Option(names = "--weight-decay", paramLabel = "SPEC", description = "e.g. 1e-6:1e-2:log.")
    String weightDecay;

    @Option(names = "--batch-size", paramLabel = "SPEC", description = "e.g. 64,128.")
    String batchSize;

    @Option(
            names = "--space",
            paramLabel = "FILE",
            description =
                    "The space as JSON, {\"lr\": \"1e-4:1e-1:log\", \"width\": [64, 128], ...}, or as YAML (.yaml/.yml) with the same keys (instead of the flags).")
    Path spaceFile;

    /** The flags that were given, by hyperparameter name, in {@link #PARAMS} order. */
    Map<String, String> flagSpecs() {
        String[] values = {
            hidden, depth, width, activation, dropout, batchNorm, optimizer, lr, momentum, weightDecay, batchSize
        };
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < PARAMS.size(); i++)
            if (values[i] != null) m.put(PARAMS.get(i).name(), values[i]);
        return m;
    }

    /** Used when no space is given for a fixed model (a CNN): its layers are set, the learning rate is searched. */
    static final Map<String, String> FIXED_MODEL_DEFAULT_SPACE = Map.of("lr", "1e-4:1e-1:log");

    /** The space from the flags, the file, or the default; also returns the text form of each dimension. */
    SearchSpace build(Map<String, String> textOut) throws IOException {
        return build(textOut, null);
    }

    /**
     * As {@link #build(Map)}; for a fixed model ({@code fixedModel} names it; null for the mlp) the MLP's
     * hyperparameters are refused and the default space searches the learning rate only.
     */
    SearchSpace build(Map<String, String> textOut, String fixedModel) throws IOException {
        Map<String, String> flags = flagSpecs();
        if (spaceFile != null && !flags.isEmpty())
            throw new IllegalArgumentException("give the search space either as flags ("
                    + String.join(", ", flagNames(flags)) + ") or as --space " + spaceFile + ", not both");
        Map<String, String> specs = spaceFile != null ? readFile(spaceFile) : flags;
        String where = spaceFile != null ? "--space " + spaceFile + ": " : "";
        if (fixedModel != null)
            for (Param p : PARAMS)
                if (specs.containsKey(p.name()) && NetworkConfig.MLP_NAMES.contains(p.name()))
                    throw new IllegalArgumentException((where.isEmpty() ? p.flag() : where + p.name())
                            + " searches the shape of --model mlp; " + fixedModel
                            + " has fixed layers (search --lr, --batch-size, --optimizer, --momentum, --weight-decay)");
        if (specs.isEmpty()) specs = fixedModel != null ? FIXED_MODEL_DEFAULT_SPACE : DEFAULT_SPACE;
        return fromSpecs(specs, where, textOut);
    }

    private static List<String> flagNames(Map<String, String> specs) {
        return PARAMS.stream()
                .filter(p -> specs.containsKey(p.name()))
                .map(Param::flag)
                .toList();
    }

    /** Builds the space; {@code where} prefixes messages for a file ("" for flags, which name themselves). */
    static SearchSpace fromSpecs(Map<String, String> specs, String where, Map<String, String> textOut) {
        if (specs.containsKey("hidden") && (specs.containsKey("depth") || specs.containsKey("width")))
            throw new IllegalArgumentException(where + "give either --hidden or --depth/--width, not both");
        SearchSpace.Builder b = SearchSpace.builder();
        Dimension optimizerDim = null;
        for (Param p : PARAMS) {
            String spec = specs.get(p.name());
            if (spec == null) continue;
            String flag = where.isEmpty() ? p.flag() : where + p.name();
            Dimension d = SpaceSpec.parse(p.name(), flag, p.kind(), spec);
            if (p.name().equals("optimizer")) optimizerDim = d;
            b.add(d);
            // Momentum matters only for sgd: search it only where the optimizer is sgd.
            if (p.name().equals("momentum")
                    && optimizerDim instanceof Categorical c
                    && c.choices().size() > 1
                    && c.choices().contains("sgd")) b.activeWhen("optimizer", "sgd");
            textOut.put(p.name(), spec);
        }
        for (String name : specs.keySet())
            if (PARAMS.stream().noneMatch(p -> p.name().equals(name)))
                throw new IllegalArgumentException(where + "unknown hyperparameter '" + name + "'; known: "
                        + PARAMS.stream().map(Param::name).toList());
        return b.build();
    }

    /**
     * A JSON object (or the same as YAML, for a .yaml/.yml file): name → "spec text", a number or boolean (fixed),
     * or an array of choices.
     */
    static Map<String, String> readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("--space " + file + ": no such file");
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        JsonNode root;
        try {
            root = (yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper()).readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(
                    "--space " + file + ": not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject())
            throw new IllegalArgumentException("--space " + file + ": expected "
                    + (yaml
                            ? "a YAML mapping such as 'lr: 1e-4:1e-1:log'"
                            : "a JSON object such as {\"lr\": \"1e-4:1e-1:log\", \"width\": [64, 128]}"));
        Map<String, String> specs = new LinkedHashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            specs.put(e.getKey(), specText(file, e.getKey(), e.getValue()));
        }
        if (specs.isEmpty()) throw new IllegalArgumentException("--space " + file + ": the space is empty");
        return specs;
    }

    private static String specText(Path file, String key, JsonNode v) {
        if (v.isTextual()) return v.asText();
        if (v.isNumber() || v.isBoolean()) return v.asText();
        if (v.isArray() && !v.isEmpty()) {
            List<String> parts = new ArrayList<>();
            boolean layers = key.equals("hidden");
            boolean allNumbers = true;
            for (JsonNode c : v) allNumbers &= c.isNumber();
            if (layers && allNumbers) { // [256, 128]: one architecture; [[256, 128], [512]]: alternatives
                List<String> widths = new ArrayList<>();
                v.forEach(w -> widths.add(w.asText()));
                return String.join(",", widths);
            }
            for (JsonNode c : v) {
                if (layers && c.isArray()) {
                    List<String> widths = new ArrayList<>();
                    c.forEach(w -> widths.add(w.asText()));
                    parts.add(String.join(",", widths));
                } else if (c.isValueNode() && !c.isNull()) {
                    parts.add(c.asText());
                } else {
                    throw new IllegalArgumentException(
                            "--space " + file + ": " + key + ": choices must be numbers or strings"
                                    + (layers ? " (or arrays of widths)" : "") + ", got " + c);
                }
            }
            return String.join(layers ? "/" : ",", parts);
        }
        throw new IllegalArgumentException("--space " + file + ": " + key
                + ": expected \"LO:HI\", \"LO:HI:log\", a value or an array of choices, got " + v);
    }
}
