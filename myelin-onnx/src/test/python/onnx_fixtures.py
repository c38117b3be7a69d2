#!/usr/bin/env python3
"""PyTorch side of myelin-onnx's tests: run with /usr/bin/python3 (PyTorch 1.13) from anywhere, commit the output.

Writes to ../resources/interop/:
  * mlp.onnx, cnn.onnx, lenet.onnx: the PyTorch twins of an MLP and of the CLI's `cnn` and `lenet` networks
    (myelin-bench/bench/cnn_torch.py), exported by torch.onnx.export at opset 17 with a dynamic batch dimension,
    as a PyTorch user would export them; OnnxImporterTest loads them into Myelin.
  * mlp.safetensors, lenet.safetensors: the same twins' state dicts in the safetensors format (written here by
    hand: the Python `safetensors` package is not installed; the format is an 8-byte little-endian header length,
    a JSON header of {name: {dtype, shape, data_offsets}}, then the raw little-endian data).
  * reference.json: inputs of batch 1 and 3 and PyTorch's outputs for each twin, and the state-dict names and
    shapes of PyTorch's module for each Myelin layer spec (StateDictNamesTest).
Tests never run Python.
"""
import json
import os
import struct

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "interop")


class MLP(nn.Module):
    """The twin of dev.myelin.nn.MLP: the layers in a Sequential registered as `model`."""

    def __init__(self, sizes, activation):
        super().__init__()
        layers = []
        for a, b in zip(sizes[:-2], sizes[1:-1]):
            layers += [nn.Linear(a, b), activation()]
        layers.append(nn.Linear(sizes[-2], sizes[-1]))
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


class Images(nn.Module):
    """nn.Unflatten(1, (1, 28, 28)) as PyTorch users write it for export: torch.onnx (1.13) has no aten::unflatten,
    so the twin reshapes to (-1, 1, 28, 28) instead; it holds no state, so the state-dict names are unchanged."""

    def forward(self, x):
        return x.reshape(-1, 1, 28, 28)


def mlp():
    return nn.Sequential(nn.Linear(12, 16), nn.ReLU(), nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 6), nn.Sigmoid(),
                         nn.Linear(6, 3))


def cnn():
    return nn.Sequential(Images(),
                         nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))


def lenet():
    return nn.Sequential(Images(),
                         nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(2),
                         nn.Conv2d(6, 16, 5), nn.ReLU(inplace=True), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def t(x):
    x = x.detach().to(torch.float64).contiguous()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def export_onnx(model, features, name):
    torch.onnx.export(model, torch.zeros(1, features), os.path.join(OUT, name + ".onnx"), opset_version=17,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})


def write_safetensors(state, name):
    header, blobs, offset = {}, [], 0
    for key, value in state.items():
        data = value.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[key] = {"dtype": "F32", "shape": list(value.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the header is padded with spaces to 8 bytes, as safetensors does
    with open(os.path.join(OUT, name + ".safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def outputs(model, features):
    model.eval()
    result = {}
    for batch in (1, 3):
        x = torch.rand(batch, features)
        with torch.no_grad():
            result[str(batch)] = {"input": t(x), "output": t(model(x))}
    return result


def state_names():
    """PyTorch's state-dict names and shapes for the module each Myelin spec builds."""
    cases = [
        ({"type": "Linear", "in": 5, "out": 3}, nn.Linear(5, 3)),
        ({"type": "Linear", "in": 5, "out": 3, "bias": False}, nn.Linear(5, 3, bias=False)),
        ({"type": "MLP", "inputDim": 4, "hiddenLayers": [8, 6], "outputDim": 2}, MLP([4, 8, 6, 2], nn.ReLU)),
        ({"type": "BatchNorm1d", "numFeatures": 4}, nn.BatchNorm1d(4)),
        ({"type": "BatchNorm2d", "numFeatures": 3}, nn.BatchNorm2d(3)),
        ({"type": "BatchNorm1d", "numFeatures": 4, "affine": False}, nn.BatchNorm1d(4, affine=False)),
        ({"type": "LayerNorm", "normalizedShape": [4, 5]}, nn.LayerNorm([4, 5])),
        ({"type": "Embedding", "numEmbeddings": 7, "embeddingDim": 3}, nn.Embedding(7, 3)),
        ({"type": "PReLU", "numParameters": 3}, nn.PReLU(3)),
        ({"type": "Conv1d", "inChannels": 2, "outChannels": 4, "kernelSize": 3}, nn.Conv1d(2, 4, 3)),
        ({"type": "Conv2d", "inChannels": 2, "outChannels": 4, "kernelSize": 3, "groups": 2}, nn.Conv2d(2, 4, 3, groups=2)),
        ({"type": "ConvTranspose2d", "inChannels": 2, "outChannels": 4, "kernelSize": 3}, nn.ConvTranspose2d(2, 4, 3)),
        ({"type": "RNN", "inputSize": 3, "hiddenSize": 4, "numLayers": 2}, nn.RNN(3, 4, num_layers=2)),
        ({"type": "LSTM", "inputSize": 3, "hiddenSize": 4, "bidirectional": True}, nn.LSTM(3, 4, bidirectional=True)),
        ({"type": "GRU", "inputSize": 3, "hiddenSize": 4, "numLayers": 2, "bidirectional": True},
         nn.GRU(3, 4, num_layers=2, bidirectional=True)),
        ({"type": "RNNCell", "inputSize": 3, "hiddenSize": 4}, nn.RNNCell(3, 4)),
        ({"type": "LSTMCell", "inputSize": 3, "hiddenSize": 4}, nn.LSTMCell(3, 4)),
        ({"type": "GRUCell", "inputSize": 3, "hiddenSize": 4}, nn.GRUCell(3, 4)),
        ({"type": "MultiheadAttention", "embedDim": 8, "numHeads": 2}, nn.MultiheadAttention(8, 2)),
        ({"type": "MultiheadAttention", "embedDim": 8, "numHeads": 2, "kdim": 5, "vdim": 6},
         nn.MultiheadAttention(8, 2, kdim=5, vdim=6)),
        ({"type": "TransformerEncoderLayer", "dModel": 8, "nhead": 2, "dimFeedforward": 16},
         nn.TransformerEncoderLayer(8, 2, dim_feedforward=16)),
        ({"type": "TransformerDecoderLayer", "dModel": 8, "nhead": 2, "dimFeedforward": 16},
         nn.TransformerDecoderLayer(8, 2, dim_feedforward=16)),
        ({"type": "TransformerEncoder", "numLayers": 2,
          "encoderLayer": {"type": "TransformerEncoderLayer", "dModel": 8, "nhead": 2, "dimFeedforward": 16}},
         nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, dim_feedforward=16), 2)),
        ({"type": "Transformer", "dModel": 8, "nhead": 2, "numEncoderLayers": 1, "numDecoderLayers": 1,
          "dimFeedforward": 16}, nn.Transformer(8, 2, 1, 1, 16)),
        ({"type": "Sequential", "layers": [{"type": "Unflatten", "dim": 1, "sizes": [1, 28, 28]},
                                           {"type": "Conv2d", "inChannels": 1, "outChannels": 6, "kernelSize": 5,
                                            "padding": 2}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernelSize": 2},
                                           {"type": "Flatten"}, {"type": "Linear", "in": 1176, "out": 10}]},
         nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                       nn.Flatten(), nn.Linear(1176, 10))),
    ]
    return [{"spec": spec, "state": {k: list(v.shape) for k, v in m.state_dict().items()}} for spec, m in cases]


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(21)
    models = {"mlp": (mlp(), 12), "cnn": (cnn(), 784), "lenet": (lenet(), 784)}
    reference = {}
    for name, (model, features) in models.items():
        model.eval()
        export_onnx(model, features, name)
        reference[name] = outputs(model, features)
    twin = MLP([12, 16, 8, 3], nn.ReLU)
    twin.eval()
    write_safetensors(twin.state_dict(), "mlp")
    reference["mlp_twin"] = outputs(twin, 12)
    write_safetensors(models["lenet"][0].state_dict(), "lenet")
    reference["state_names"] = state_names()
    reference["_generated_by"] = "myelin-onnx/src/test/python/onnx_fixtures.py, torch " + torch.__version__
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
