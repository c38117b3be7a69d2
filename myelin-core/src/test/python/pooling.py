"""Reference values for the pooling and image layers (PoolingFixtureTest).

Each case names a Myelin architecture spec ("spec", JSON as Architecture.fromJson reads it), the input x and an
output gradient g; torch gives the output y = layer(x), the input gradient dx of (y * g).sum() and, for layers
with parameters, their gradients; max pooling with return_indices also its indices. BatchNorm2d cases run two
training batches (running statistics after each, num_batches_tracked) and then eval.
Run: /usr/bin/python3 myelin-core/src/test/python/pooling.py
"""
import json

import torch
import torch.nn as nn

import fixtures
from fixtures import t

torch.manual_seed(0)
cases = []


def case(name, spec, layer, shape, extra=None):
    x = torch.randn(*shape, requires_grad=True)
    y = layer(x)
    indices = None
    if isinstance(y, tuple):
        y, indices = y
    g = torch.randn(*y.shape)
    (y * g).sum().backward()
    c = {"name": name, "spec": json.dumps(spec), "x": t(x), "g": t(g), "y": t(y), "dx": t(x.grad)}
    if indices is not None:
        c["indices"] = t(indices)
    for pname, p in layer.named_parameters():
        c["d" + pname] = t(p.grad)
    if extra:
        c.update(extra(layer))
    cases.append(c)


# ---------------------------------------------------------------- max pooling
case("max k2", {"type": "MaxPool2d", "kernelSize": 2}, nn.MaxPool2d(2), (2, 3, 6, 8))
case("max k2 odd size", {"type": "MaxPool2d", "kernelSize": 2}, nn.MaxPool2d(2), (1, 2, 7, 5))
case("max k3 s2 p1", {"type": "MaxPool2d", "kernelSize": 3, "stride": 2, "padding": 1}, nn.MaxPool2d(3, 2, 1), (2, 2, 7, 6))
case("max dilation 2", {"type": "MaxPool2d", "kernelSize": 2, "stride": 1, "dilation": 2}, nn.MaxPool2d(2, 1, dilation=2), (1, 2, 6, 7))
case("max ceil", {"type": "MaxPool2d", "kernelSize": 3, "stride": 2, "ceilMode": True}, nn.MaxPool2d(3, 2, ceil_mode=True), (2, 1, 8, 6))
case("max ceil pad", {"type": "MaxPool2d", "kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True},
     nn.MaxPool2d(3, 2, 1, ceil_mode=True), (1, 2, 6, 9))
case("max rect", {"type": "MaxPool2d", "kernelSize": [2, 3], "stride": [1, 2], "padding": [1, 0]},
     nn.MaxPool2d((2, 3), (1, 2), (1, 0)), (2, 2, 5, 7))
case("max indices", {"type": "MaxPool2d", "kernelSize": 3, "stride": 2, "padding": 1, "returnIndices": True},
     nn.MaxPool2d(3, 2, 1, return_indices=True), (2, 2, 6, 5))
case("max unbatched", {"type": "MaxPool2d", "kernelSize": 2}, nn.MaxPool2d(2), (3, 4, 6))

# ---------------------------------------------------------------- average pooling
case("avg k2", {"type": "AvgPool2d", "kernelSize": 2}, nn.AvgPool2d(2), (2, 3, 6, 8))
case("avg k3 s2 p1", {"type": "AvgPool2d", "kernelSize": 3, "stride": 2, "padding": 1}, nn.AvgPool2d(3, 2, 1), (2, 2, 7, 6))
case("avg exclude pad", {"type": "AvgPool2d", "kernelSize": 3, "stride": 2, "padding": 1, "countIncludePad": False},
     nn.AvgPool2d(3, 2, 1, count_include_pad=False), (2, 2, 7, 6))
case("avg ceil", {"type": "AvgPool2d", "kernelSize": 3, "stride": 2, "ceilMode": True}, nn.AvgPool2d(3, 2, ceil_mode=True), (1, 2, 8, 6))
case("avg ceil pad include", {"type": "AvgPool2d", "kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True},
     nn.AvgPool2d(3, 2, 1, ceil_mode=True), (1, 2, 6, 9))
case("avg ceil pad exclude", {"type": "AvgPool2d", "kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False},
     nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False), (1, 2, 6, 9))
case("avg divisor", {"type": "AvgPool2d", "kernelSize": [2, 3], "stride": [1, 2], "divisorOverride": 4},
     nn.AvgPool2d((2, 3), (1, 2), divisor_override=4), (2, 2, 5, 7))

# ---------------------------------------------------------------- adaptive
case("adaptive avg 3x2", {"type": "AdaptiveAvgPool2d", "outputSize": [3, 2]}, nn.AdaptiveAvgPool2d((3, 2)), (2, 3, 7, 5))
case("adaptive avg 1", {"type": "AdaptiveAvgPool2d", "outputSize": 1}, nn.AdaptiveAvgPool2d(1), (2, 3, 4, 6))
case("adaptive avg up", {"type": "AdaptiveAvgPool2d", "outputSize": [5, 4]}, nn.AdaptiveAvgPool2d((5, 4)), (1, 2, 3, 3))
case("adaptive max 3", {"type": "AdaptiveMaxPool2d", "outputSize": 3}, nn.AdaptiveMaxPool2d(3), (2, 2, 7, 5))
case("adaptive max 2x4", {"type": "AdaptiveMaxPool2d", "outputSize": [2, 4]}, nn.AdaptiveMaxPool2d((2, 4)), (1, 3, 6, 8))

# ---------------------------------------------------------------- upsampling
case("nearest x2", {"type": "Upsample", "scaleFactor": 2.0}, nn.Upsample(scale_factor=2.0), (2, 2, 3, 4))
case("nearest x1.5", {"type": "Upsample", "scaleFactor": 1.5}, nn.Upsample(scale_factor=1.5), (1, 2, 5, 3))
case("nearest x0.5", {"type": "Upsample", "scaleFactor": 0.5}, nn.Upsample(scale_factor=0.5), (1, 2, 6, 5))
case("nearest size", {"type": "Upsample", "size": [5, 7]}, nn.Upsample(size=(5, 7)), (1, 2, 3, 4))
case("bilinear x2", {"type": "Upsample", "scaleFactor": 2.0, "mode": "bilinear"},
     nn.Upsample(scale_factor=2.0, mode="bilinear", align_corners=False), (2, 2, 3, 4))
case("bilinear x2 corners", {"type": "Upsample", "scaleFactor": 2.0, "mode": "bilinear", "alignCorners": True},
     nn.Upsample(scale_factor=2.0, mode="bilinear", align_corners=True), (2, 2, 3, 4))
case("bilinear size", {"type": "Upsample", "size": [5, 3], "mode": "bilinear"},
     nn.Upsample(size=(5, 3), mode="bilinear", align_corners=False), (1, 2, 4, 6))
case("bilinear size corners", {"type": "Upsample", "size": [5, 3], "mode": "bilinear", "alignCorners": True},
     nn.Upsample(size=(5, 3), mode="bilinear", align_corners=True), (1, 2, 4, 6))
case("bilinear x1.7", {"type": "Upsample", "scaleFactor": 1.7, "mode": "bilinear"},
     nn.Upsample(scale_factor=1.7, mode="bilinear", align_corners=False), (1, 1, 4, 5))

# ---------------------------------------------------------------- BatchNorm2d
def batch_norm_case(name, spec, layer):
    """Two training batches (outputs, gradients, running stats after each), then the eval output of a third."""
    c = {"name": name, "spec": json.dumps(spec), "steps": []}
    if layer.affine:  # start from non-trivial parameters, given to the Java layer too
        with torch.no_grad():
            layer.weight.uniform_(0.5, 1.5)
            layer.bias.normal_()
        c["weight"], c["bias"] = t(layer.weight), t(layer.bias)
    for step in range(2):
        layer.train()
        layer.zero_grad()
        x = torch.randn(4, 3, 5, 6, requires_grad=True) * (1 + step) + step
        x.retain_grad()
        y = layer(x)
        g = torch.randn(*y.shape)
        (y * g).sum().backward()
        s = {"x": t(x), "g": t(g), "y": t(y), "dx": t(x.grad)}
        for pname, p in layer.named_parameters():
            s["d" + pname] = t(p.grad)
        for bname, b in layer.named_buffers():
            s[bname] = t(b.float())
        c["steps"].append(s)
    layer.eval()
    x = torch.randn(2, 3, 5, 6)
    c["eval_x"] = t(x)
    c["eval_y"] = t(layer(x))
    cases.append(c)


batch_norm_cases = []
cases_before = len(cases)
batch_norm_case("bn2d default", {"type": "BatchNorm2d", "numFeatures": 3}, nn.BatchNorm2d(3))
batch_norm_case("bn2d momentum none eps", {"type": "BatchNorm2d", "numFeatures": 3, "eps": 1e-3, "momentum": "none"},
                nn.BatchNorm2d(3, eps=1e-3, momentum=None))
batch_norm_case("bn2d no affine", {"type": "BatchNorm2d", "numFeatures": 3, "affine": False}, nn.BatchNorm2d(3, affine=False))
batch_norm_case("bn2d no running stats", {"type": "BatchNorm2d", "numFeatures": 3, "trackRunningStats": False},
                nn.BatchNorm2d(3, track_running_stats=False))
batch_norm_cases = cases[cases_before:]
del cases[cases_before:]

fixtures.save("pooling", {"cases": cases, "batch_norm": batch_norm_cases})
