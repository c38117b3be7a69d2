/**
 * Neural-network building blocks in the style of {@code torch.nn}: {@link dev.myelin.nn.Module} with parameters
 * found by registration, one-tensor forwards and the generic {@link dev.myelin.nn.Module#call} for modules with
 * several inputs or outputs ({@link dev.myelin.nn.Outputs}, {@link dev.myelin.nn.GraphModule}), standard layers
 * ({@link dev.myelin.nn.Linear}, {@link dev.myelin.nn.Sequential}, {@link dev.myelin.nn.MLP}, normalization,
 * dropout, embedding) and activations, the functional ops they call ({@link dev.myelin.nn.F}, as
 * {@code torch.nn.functional}; the elementwise activations' backward is itself differentiable when run with grad
 * mode on), weight initialization ({@link dev.myelin.nn.Init}), the one registry of module types
 * ({@link dev.myelin.nn.ModuleRegistry}, {@link dev.myelin.nn.ModuleType}) and the JSON architecture spec built on
 * it ({@link dev.myelin.nn.Architecture}, {@link dev.myelin.nn.ModuleSpec}). Parameter names, shapes, defaults and
 * initialization are PyTorch's, so state dicts map one to one.
 *
 * <pre>{@code
 * Generator gen = new Generator(42);
 * Module model = new Sequential(new Linear(784, 128, gen), new ReLU(), new Linear(128, 10, gen));
 * Tensor logits = model.forward(x);             // x [N, 784] -> [N, 10]
 * System.out.println(model.stateDict().keySet()); // [0.weight, 0.bias, 2.weight, 2.bias]
 * }</pre>
 */
package dev.myelin.nn;
