/**
 * Neural-network building blocks in the style of {@code torch.nn}: {@link dev.myelin.nn.Module} with
 * parameters found by registration, one-tensor forwards and the generic {@link dev.myelin.nn.Module#call}
 * for modules with several inputs or outputs ({@link dev.myelin.nn.Outputs}, {@link dev.myelin.nn.GraphModule}),
 * standard layers and activations, the functional ops they call ({@link dev.myelin.nn.F}; the elementwise activations share {@code Elementwise}, whose backward is
 * differentiable when run with grad mode on), weight
 * initialization ({@link dev.myelin.nn.Init}), the one registry of module types
 * ({@link dev.myelin.nn.ModuleRegistry}, {@link dev.myelin.nn.ModuleType}) and the JSON architecture spec
 * built on it ({@link dev.myelin.nn.Architecture}, {@link dev.myelin.nn.ModuleSpec}).
 */
package dev.myelin.nn;
