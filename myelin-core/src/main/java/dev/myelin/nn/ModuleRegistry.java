package dev.myelin.nn;

import dev.myelin.nn.conv.AdaptiveAvgPool2d;
import dev.myelin.nn.conv.AdaptiveMaxPool2d;
import dev.myelin.nn.conv.AvgPool2d;
import dev.myelin.nn.conv.BatchNorm2d;
import dev.myelin.nn.conv.Conv1d;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.nn.conv.ConvTranspose2d;
import dev.myelin.nn.conv.Dropout2d;
import dev.myelin.nn.conv.MaxPool2d;
import dev.myelin.nn.conv.Upsample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one list of module types that architecture JSON, model files and the CLI know, by JSON name and by
 * class. The standard types are registered here; a module type with settings declares its {@link ModuleType}
 * next to its constructor ({@code Linear.TYPE}) and gets one line in {@link #STANDARD}, a type without settings
 * or state is that one line ({@code ModuleType.stateless(ReLU.class, ReLU::new)}). Library users register their
 * own types with {@link #register}.
 */
public final class ModuleRegistry {
    private static final List<ModuleType<?>> STANDARD = List.of(
            Sequential.TYPE,
            GraphModule.TYPE,
            Linear.TYPE,
            MLP.TYPE,
            Flatten.TYPE,
            Unflatten.TYPE,
            Select.TYPE,
            Mean.TYPE,
            Dropout.TYPE,
            BatchNorm1d.TYPE,
            BatchNorm2d.TYPE,
            MaxPool2d.TYPE,
            AvgPool2d.TYPE,
            AdaptiveMaxPool2d.TYPE,
            AdaptiveAvgPool2d.TYPE,
            Dropout2d.TYPE,
            Upsample.TYPE,
            LayerNorm.TYPE,
            Embedding.TYPE,
            dev.myelin.nn.attention.MultiheadAttention.TYPE,
            dev.myelin.nn.attention.TransformerEncoderLayer.TYPE,
            dev.myelin.nn.attention.TransformerDecoderLayer.TYPE,
            dev.myelin.nn.attention.TransformerEncoder.TYPE,
            dev.myelin.nn.attention.TransformerDecoder.TYPE,
            dev.myelin.nn.attention.Transformer.TYPE,
            dev.myelin.nn.attention.SinusoidalPositionalEncoding.TYPE,
            dev.myelin.nn.attention.LearnedPositionalEmbedding.TYPE,
            dev.myelin.nn.rnn.RNN.TYPE,
            dev.myelin.nn.rnn.LSTM.TYPE,
            dev.myelin.nn.rnn.GRU.TYPE,
            dev.myelin.nn.rnn.RNNCell.TYPE,
            dev.myelin.nn.rnn.LSTMCell.TYPE,
            dev.myelin.nn.rnn.GRUCell.TYPE,
            dev.myelin.nn.graph.GCNConv.TYPE,
            dev.myelin.nn.graph.SAGEConv.TYPE,
            dev.myelin.nn.graph.GATConv.TYPE,
            dev.myelin.nn.graph.GATv2Conv.TYPE,
            dev.myelin.nn.graph.GINConv.TYPE,
            dev.myelin.nn.graph.TransformerConv.TYPE,
            dev.myelin.nn.graph.GlobalPool.TYPE,
            Conv1d.TYPE,
            Conv2d.TYPE,
            ConvTranspose2d.TYPE,
            ModuleType.stateless(Identity.class, Identity::new),
            ModuleType.stateless(Step.class, Step::new),
            ModuleType.stateless(Sigmoid.class, Sigmoid::new),
            ModuleType.stateless(Tanh.class, Tanh::new),
            ReLU.TYPE,
            LeakyReLU.TYPE,
            ELU.TYPE,
            GELU.TYPE,
            CELU.TYPE,
            PReLU.TYPE,
            ModuleType.stateless(SiLU.class, SiLU::new),
            ModuleType.stateless(Mish.class, Mish::new),
            ModuleType.stateless(Hardswish.class, Hardswish::new),
            ModuleType.stateless(Hardsigmoid.class, Hardsigmoid::new),
            ModuleType.stateless(ReLU6.class, ReLU6::new),
            ModuleType.stateless(SELU.class, SELU::new),
            ModuleType.stateless(LogSigmoid.class, LogSigmoid::new),
            ModuleType.stateless(Softsign.class, Softsign::new),
            Softplus.TYPE,
            Softmax.TYPE,
            LogSoftmax.TYPE);

    private static final Map<String, ModuleType<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, ModuleType<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        STANDARD.forEach(ModuleRegistry::register);
    }

    private ModuleRegistry() {}

    /**
     * Adds a module type. Registering the same type again does nothing; another type under a taken name or
     * class is an error. User module types registered here can be saved in architecture JSON and model files.
     *
     * @param type the type to add
     * @throws IllegalArgumentException if type is null, or its name or class is registered for another type
     */
    public static synchronized void register(ModuleType<?> type) {
        if (type == null) throw new IllegalArgumentException("ModuleRegistry.register: type is null");
        ModuleType<?> byName = BY_NAME.get(type.name()), byClass = BY_CLASS.get(type.moduleClass());
        if (byName == type && byClass == type) return;
        if (byName != null)
            throw new IllegalArgumentException("ModuleRegistry: the name '" + type.name()
                    + "' is already registered for " + byName.moduleClass().getName());
        if (byClass != null)
            throw new IllegalArgumentException("ModuleRegistry: "
                    + type.moduleClass().getName() + " is already registered as '" + byClass.name() + "'");
        BY_NAME.put(type.name(), type);
        BY_CLASS.put(type.moduleClass(), type);
    }

    /**
     * {@return the type called {@code name} in JSON, or null if none is registered}
     *
     * @param name the JSON {@code "type"} name, e.g. {@code "Linear"}
     */
    public static synchronized ModuleType<?> find(String name) {
        return BY_NAME.get(name);
    }

    /**
     * {@return the type registered for exactly this class (not a subclass: a subclass may add state), or null}
     *
     * @param moduleClass the module class
     */
    public static synchronized ModuleType<?> forClass(Class<?> moduleClass) {
        return BY_CLASS.get(moduleClass);
    }

    /** {@return the registered type names, standard types first, in registration order; a copy} */
    public static synchronized List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }
}
