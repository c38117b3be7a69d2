package dev.myelin.tune.objective;

import dev.myelin.nn.Activation;
import dev.myelin.train.spec.NetworkConfig;
import dev.myelin.tune.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trial's {@link Config} to and from the run's {@link NetworkConfig} (the factories live in train.spec). */
public final class NetworkConfigs {
    private NetworkConfigs() {}

    /**
     * Reads a configuration; fails naming an unknown hyperparameter (a typo would otherwise be ignored).
     *
     * @param c a trial's configuration (names in {@link NetworkConfig#NAMES}; missing ones take train's defaults)
     * @return the network and optimizer it describes
     */
    public static NetworkConfig from(Config c) {
        for (String name : c.names())
            if (!NetworkConfig.NAMES.contains(name))
                throw new IllegalArgumentException("unknown hyperparameter '" + name + "' for a network; known: "
                        + new java.util.TreeSet<>(NetworkConfig.NAMES));
        NetworkConfig d = NetworkConfig.DEFAULTS;
        List<Integer> hidden = d.hidden();
        if (c.has("hidden")) {
            if (c.has("depth") || c.has("width"))
                throw new IllegalArgumentException("give either 'hidden' or 'depth'/'width', not both");
            hidden = c.getIntList("hidden");
        } else if (c.has("depth") || c.has("width")) {
            int depth = c.has("depth") ? c.getInt("depth") : d.hidden().size();
            int width = c.has("width") ? c.getInt("width") : d.hidden().getFirst();
            if (depth < 0) throw new IllegalArgumentException("depth must be >= 0, got " + depth);
            hidden = Collections.nCopies(depth, width);
        }
        return new NetworkConfig(
                hidden,
                c.has("activation") ? Activation.fromName(c.getString("activation")) : d.activation(),
                c.has("dropout") ? c.getDouble("dropout") : d.dropout(),
                c.has("batchNorm") ? Boolean.parseBoolean(c.getString("batchNorm")) : d.batchNorm(),
                c.has("optimizer") ? c.getString("optimizer") : d.optimizer(),
                c.has("lr") ? c.getDouble("lr") : d.lr(),
                c.has("momentum") ? c.getDouble("momentum") : d.momentum(),
                c.has("weightDecay") ? c.getDouble("weightDecay") : d.weightDecay(),
                c.has("batchSize") ? c.getInt("batchSize") : d.batchSize());
    }

    /**
     * This configuration as a {@link Config} with every name set (e.g. to enqueue the defaults as a trial).
     *
     * @param n a network and optimizer
     * @return the configuration
     */
    public static Config toConfig(NetworkConfig n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", n.hidden());
        m.put("activation", n.activation().key());
        m.put("dropout", n.dropout());
        m.put("batchNorm", n.batchNorm());
        m.put("optimizer", n.optimizer());
        m.put("lr", n.lr());
        m.put("momentum", n.momentum());
        m.put("weightDecay", n.weightDecay());
        m.put("batchSize", n.batchSize());
        return new Config(m);
    }

    /**
     * {@link #toConfig} without the {@link NetworkConfig#MLP_NAMES}: the optimizer and batch size only, for a fixed model.
     *
     * @param n a network and optimizer
     * @return the configuration
     */
    public static Config toTrainingConfig(NetworkConfig n) {
        Map<String, Object> m = new LinkedHashMap<>(toConfig(n).asMap());
        m.keySet().removeAll(NetworkConfig.MLP_NAMES);
        return new Config(m);
    }
}
