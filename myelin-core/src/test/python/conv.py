"""Reference values for the convolution layers (nn.conv): Conv1d, Conv2d, ConvTranspose2d over their options.

Each case gives the layer as Myelin architecture JSON ("spec"), its weight and bias, an input x and a
projection r; PyTorch computes out = layer(x), then (out * r).sum().backward() for the gradients of x,
weight and bias. Also a second derivative: d/dx of sum(grad_w ** 2) for conv2d and conv_transpose2d.
"""
import torch
import torch.nn as nn

import fixtures

torch.manual_seed(14)


def conv2d(i, o, k, **kw):
    return nn.Conv2d(i, o, k, **kw)


CASES = [
    # name, spec (Myelin JSON), torch module, input shape
    ("conv2d_basic", {"type": "Conv2d", "inChannels": 3, "outChannels": 4, "kernelSize": 3},
     nn.Conv2d(3, 4, 3), [2, 3, 7, 6]),
    ("conv2d_stride2_pad1", {"type": "Conv2d", "inChannels": 3, "outChannels": 5, "kernelSize": 3, "stride": 2, "padding": 1},
     nn.Conv2d(3, 5, 3, stride=2, padding=1), [2, 3, 8, 7]),
    ("conv2d_rect", {"type": "Conv2d", "inChannels": 2, "outChannels": 3, "kernelSize": [2, 3], "stride": [2, 1], "padding": [0, 1]},
     nn.Conv2d(2, 3, (2, 3), stride=(2, 1), padding=(0, 1)), [3, 2, 7, 5]),
    ("conv2d_dilation", {"type": "Conv2d", "inChannels": 2, "outChannels": 3, "kernelSize": 3, "dilation": 2, "padding": 2},
     nn.Conv2d(2, 3, 3, dilation=2, padding=2), [2, 2, 7, 8]),
    ("conv2d_groups", {"type": "Conv2d", "inChannels": 4, "outChannels": 6, "kernelSize": 3, "padding": 1, "groups": 2},
     nn.Conv2d(4, 6, 3, padding=1, groups=2), [2, 4, 5, 5]),
    ("conv2d_depthwise", {"type": "Conv2d", "inChannels": 4, "outChannels": 8, "kernelSize": 3, "groups": 4, "stride": 2},
     nn.Conv2d(4, 8, 3, groups=4, stride=2), [2, 4, 7, 7]),
    ("conv2d_nobias", {"type": "Conv2d", "inChannels": 3, "outChannels": 2, "kernelSize": 2, "bias": False},
     nn.Conv2d(3, 2, 2, bias=False), [2, 3, 4, 5]),
    ("conv2d_pointwise", {"type": "Conv2d", "inChannels": 5, "outChannels": 3, "kernelSize": 1},
     nn.Conv2d(5, 3, 1), [2, 5, 4, 3]),
    ("conv2d_same_odd", {"type": "Conv2d", "inChannels": 2, "outChannels": 3, "kernelSize": 3, "padding": "same"},
     nn.Conv2d(2, 3, 3, padding="same"), [2, 2, 6, 5]),
    ("conv2d_same_even_dilated", {"type": "Conv2d", "inChannels": 2, "outChannels": 3, "kernelSize": [4, 2], "padding": "same", "dilation": [1, 3]},
     nn.Conv2d(2, 3, (4, 2), padding="same", dilation=(1, 3)), [2, 2, 6, 7]),
    ("conv2d_valid", {"type": "Conv2d", "inChannels": 2, "outChannels": 2, "kernelSize": 3, "padding": "valid"},
     nn.Conv2d(2, 2, 3, padding="valid"), [1, 2, 5, 5]),
    ("conv2d_reflect", {"type": "Conv2d", "inChannels": 2, "outChannels": 3, "kernelSize": 3, "padding": [1, 2], "paddingMode": "reflect"},
     nn.Conv2d(2, 3, 3, padding=(1, 2), padding_mode="reflect"), [2, 2, 5, 6]),
    ("conv2d_replicate", {"type": "Conv2d", "inChannels": 2, "outChannels": 3, "kernelSize": 3, "padding": 2, "paddingMode": "replicate", "stride": 2},
     nn.Conv2d(2, 3, 3, padding=2, padding_mode="replicate", stride=2), [2, 2, 5, 6]),
    ("conv2d_circular", {"type": "Conv2d", "inChannels": 2, "outChannels": 3, "kernelSize": 3, "padding": 1, "paddingMode": "circular"},
     nn.Conv2d(2, 3, 3, padding=1, padding_mode="circular"), [2, 2, 4, 5]),
    ("conv2d_same_reflect_even", {"type": "Conv2d", "inChannels": 2, "outChannels": 2, "kernelSize": 4, "padding": "same", "paddingMode": "reflect"},
     nn.Conv2d(2, 2, 4, padding="same", padding_mode="reflect"), [2, 2, 6, 5]),
    ("conv2d_unbatched", {"type": "Conv2d", "inChannels": 3, "outChannels": 2, "kernelSize": 3, "padding": 1},
     nn.Conv2d(3, 2, 3, padding=1), [3, 5, 4]),
    ("conv1d_basic", {"type": "Conv1d", "inChannels": 3, "outChannels": 4, "kernelSize": 3, "stride": 2, "padding": 1},
     nn.Conv1d(3, 4, 3, stride=2, padding=1), [2, 3, 11]),
    ("conv1d_same_groups_dilated", {"type": "Conv1d", "inChannels": 3, "outChannels": 6, "kernelSize": 4, "padding": "same", "dilation": 2, "groups": 3},
     nn.Conv1d(3, 6, 4, padding="same", dilation=2, groups=3), [2, 3, 9]),
    ("conv1d_reflect_nobias", {"type": "Conv1d", "inChannels": 2, "outChannels": 3, "kernelSize": 3, "padding": 2, "paddingMode": "reflect", "bias": False},
     nn.Conv1d(2, 3, 3, padding=2, padding_mode="reflect", bias=False), [2, 2, 7]),
    ("conv1d_replicate", {"type": "Conv1d", "inChannels": 2, "outChannels": 2, "kernelSize": 2, "padding": 1, "paddingMode": "replicate"},
     nn.Conv1d(2, 2, 2, padding=1, padding_mode="replicate"), [1, 2, 6]),
    ("convT2d_basic", {"type": "ConvTranspose2d", "inChannels": 3, "outChannels": 4, "kernelSize": 3},
     nn.ConvTranspose2d(3, 4, 3), [2, 3, 4, 5]),
    ("convT2d_stride2_pad1_outpad1", {"type": "ConvTranspose2d", "inChannels": 3, "outChannels": 2, "kernelSize": 3, "stride": 2, "padding": 1, "outputPadding": 1},
     nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1), [2, 3, 4, 3]),
    ("convT2d_groups_dilation", {"type": "ConvTranspose2d", "inChannels": 4, "outChannels": 6, "kernelSize": 3, "stride": 2, "outputPadding": 1, "groups": 2, "dilation": 2},
     nn.ConvTranspose2d(4, 6, 3, stride=2, output_padding=1, groups=2, dilation=2), [2, 4, 3, 4]),
    ("convT2d_rect_nobias", {"type": "ConvTranspose2d", "inChannels": 2, "outChannels": 3, "kernelSize": [2, 3], "stride": [2, 3], "padding": [1, 0], "bias": False},
     nn.ConvTranspose2d(2, 3, (2, 3), stride=(2, 3), padding=(1, 0), bias=False), [2, 2, 3, 3]),
]

out = {}
for name, spec, m, shape in CASES:
    x = torch.randn(*shape, requires_grad=True)
    y = m(x)
    r = torch.randn_like(y)
    (y * r).sum().backward()
    case = {"spec": spec, "x": fixtures.t(x), "r": fixtures.t(r), "out": fixtures.t(y),
            "weight": fixtures.t(m.weight), "grad_x": fixtures.t(x.grad), "grad_weight": fixtures.t(m.weight.grad)}
    if m.bias is not None:
        case["bias"] = fixtures.t(m.bias)
        case["grad_bias"] = fixtures.t(m.bias.grad)
    case["repr"] = repr(m)
    out[name] = case

# Second derivatives: g = d(sum(y * r))/d(w, x) with create_graph, then d(sum(g_w^2) + sum(g_x^2))/d(x, w, b).
for name, m, shape in [("double_conv2d", nn.Conv2d(4, 4, 3, stride=2, padding=1, dilation=1, groups=2), [2, 4, 5, 6]),
                       ("double_convT2d", nn.ConvTranspose2d(2, 4, 3, stride=2, padding=1, output_padding=1, groups=2), [2, 2, 3, 4])]:
    x = torch.randn(*shape, requires_grad=True)
    y = m(x)
    r = torch.randn_like(y)
    gx, gw = torch.autograd.grad((y * r).sum(), [x, m.weight], create_graph=True)
    penalty = (gw ** 2).sum() + (gx ** 2).sum() + (y ** 2).sum()
    dx, dw, db = torch.autograd.grad(penalty, [x, m.weight, m.bias])
    out[name] = {"x": fixtures.t(x), "r": fixtures.t(r), "weight": fixtures.t(m.weight), "bias": fixtures.t(m.bias),
                 "penalty": float(penalty), "grad_x": fixtures.t(dx), "grad_weight": fixtures.t(dw), "grad_bias": fixtures.t(db)}

fixtures.save("conv", out)
