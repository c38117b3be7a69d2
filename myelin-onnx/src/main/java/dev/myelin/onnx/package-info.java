/**
 * ONNX interoperability: {@link dev.myelin.onnx.OnnxExporter} writes a model made of Myelin's modules as an ONNX
 * file (opset 17, dynamic batch dimension, the native operators where they exist), {@link dev.myelin.onnx.OnnxImporter}
 * reads the operator set PyTorch writes for MLPs and small convolutional networks back into a {@code Sequential}.
 * The protobuf messages are generated at build time from {@code src/main/proto/onnx.proto}.
 */
package dev.myelin.onnx;
