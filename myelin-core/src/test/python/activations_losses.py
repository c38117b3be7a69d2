"""Reference values for the activations and losses closing PyTorch gaps (ActivationsLossesFixtureTest).

Activations: value, first derivative (the input gradient of y.sum(), so the kinks show PyTorch's choice)
and, away from the kinks, the second derivative (double backward). PReLU: input and weight gradients.
SmoothL1Loss for several betas and every reduction; BatchNorm1d with affine=False, momentum=None and
track_running_stats=False; Embedding with padding_idx; cross-entropy and NLL on [N, C, d1, d2] inputs with
weights, ignore_index, label smoothing and probability targets; the all-ignored case.
Run: /usr/bin/python3 myelin-core/src/test/python/activations_losses.py
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

import fixtures
from fixtures import t

torch.manual_seed(0)
out = {}

# ---------------------------------------------------------------- activations
# kinks (0, ±3, 6), large and small magnitudes. The kinks sit in the first 16 elements, which torch's CPU
# kernels process with vector instructions: at x = 3 hardswish's scalar tail loop gives slope 1.5, the vector
# loop (what almost every element of a real tensor goes through) gives 1, and Myelin follows the vector loop.
x = torch.tensor([-100., -30., -7., -6., -3., -2.5, -1., -0.5, -1e-3, 0., 1e-3, 0.5, 1., 2.5, 3., 6., 7., 30., 100.])
smooth = torch.tensor([-5., -2., -1.3, -0.4, 0.3, 0.9, 1.7, 2.2, 4.5], dtype=torch.float64)  # no kinks: second derivatives
acts = {
    "silu": F.silu,
    "mish": F.mish,
    "hardswish": F.hardswish,
    "hardsigmoid": F.hardsigmoid,
    "relu6": F.relu6,
    "selu": F.selu,
    "celu": F.celu,
    "celu_0.5": lambda v: F.celu(v, alpha=0.5),
    "logsigmoid": F.logsigmoid,
    "softsign": F.softsign,
    "gelu": F.gelu,
    "gelu_tanh": lambda v: F.gelu(v, approximate="tanh"),
    "elu_0.5": lambda v: F.elu(v, alpha=0.5),
    "leaky_relu_0.2": lambda v: F.leaky_relu(v, 0.2),
    "softplus": F.softplus,
    "softplus_2_3": lambda v: F.softplus(v, beta=2, threshold=3),
}
activations = {}
for name, f in acts.items():
    xi = x.clone().requires_grad_()
    y = f(xi)
    y.sum().backward()
    xs = smooth.clone().requires_grad_()
    (d,) = torch.autograd.grad(f(xs).sum(), xs, create_graph=True)
    try:
        (dd,) = torch.autograd.grad(d.sum(), xs)
        second = t(dd)
    except RuntimeError:  # torch 1.13 has no double backward for some (hardsigmoid); null then
        second = None
    activations[name] = {"y": t(y), "grad": t(xi.grad), "second": second}
out["activations"] = {"x": t(x), "smooth_x": t(smooth), "values": activations}

# PReLU: one shared slope on a 1-D input, and one slope per channel of [N, C, L]
prelu = {}
for name, shape, weight in [("shared", [len(x)], [0.25]), ("channels", [2, 3, 4], [0.25, -0.5, 1.5])]:
    xi = (x if name == "shared" else torch.randn(*shape).round(decimals=1)).clone().requires_grad_()
    w = torch.tensor(weight, requires_grad=True)
    r = torch.linspace(-1, 2, xi.numel()).reshape(xi.shape)
    y = F.prelu(xi, w)
    (y * r).sum().backward()
    prelu[name] = {"x": t(xi), "weight": t(w), "r": t(r), "y": t(y), "grad": t(xi.grad), "weight_grad": t(w.grad)}
out["prelu"] = prelu

# ---------------------------------------------------------------- SmoothL1Loss
inp = torch.tensor([[0., 0.5, 1., -1., 2.], [-3., 0.25, -0.5, 10., -0.001]])
tgt = torch.tensor([[0., 0., 0., 0., 0.], [-1., 0.75, 0.5, -2., 0.]])  # d = 0, ±beta for beta 0.5/1/2, large
smooth_l1 = {}
for beta in [1.0, 0.5, 0.0, 2.0]:
    for red in ["none", "mean", "sum"]:
        xi = inp.clone().requires_grad_()
        loss = F.smooth_l1_loss(xi, tgt, reduction=red, beta=beta)
        loss.sum().backward()
        smooth_l1[f"{beta}_{red}"] = {"beta": beta, "reduction": red, "loss": t(loss), "grad": t(xi.grad)}
out["smooth_l1"] = {"input": t(inp), "target": t(tgt), "cases": smooth_l1}

# ---------------------------------------------------------------- BatchNorm1d options
bn_cases = {}
x1 = torch.randn(4, 3)
x2 = torch.randn(4, 3) * 2 + 1
x3 = torch.randn(3, 3, 2)
for name, kwargs, inputs in [
    ("cma_no_affine", dict(momentum=None, affine=False), [x1, x2]),
    ("no_running_stats", dict(track_running_stats=False), [x1, x2]),
    ("cma_affine_ncl", dict(momentum=None), [x3, x3 * 3 - 1, x3 + 2]),
]:
    bn = nn.BatchNorm1d(3, **kwargs)
    if bn.affine:
        with torch.no_grad():
            bn.weight.copy_(torch.tensor([1.0, 2.0, 0.5]))
            bn.bias.copy_(torch.tensor([0.0, -1.0, 0.3]))
    steps = []
    for xi in inputs:
        xi = xi.clone().requires_grad_()
        y = bn(xi)
        r = torch.linspace(-1, 1, y.numel()).reshape(y.shape)
        (y * r).sum().backward()
        steps.append({"x": t(xi), "r": t(r), "y": t(y), "grad": t(xi.grad)})
    bn.eval()
    ev = inputs[0] + 0.5
    state = {k: t(v.to(torch.float64)) for k, v in bn.state_dict().items()}
    bn_cases[name] = {"steps": steps, "eval_x": t(ev), "eval_y": t(bn(ev)), "state": state, "keys": list(bn.state_dict().keys()),
                      "repr": repr(bn)}
out["batchnorm"] = bn_cases

# ---------------------------------------------------------------- Embedding padding_idx
emb = nn.Embedding(6, 3, padding_idx=-2)
with torch.no_grad():
    emb.weight.copy_(torch.arange(18, dtype=torch.float32).reshape(6, 3) / 10 - 0.8)  # the padding row is non-zero here
idx = torch.tensor([[4, 1, 4], [0, 5, 1]])
y = emb(idx)
r = torch.linspace(-1, 1, y.numel()).reshape(y.shape)
(y * r).sum().backward()
out["embedding"] = {"padding_idx": emb.padding_idx, "weight": t(emb.weight), "indices": t(idx.float()), "r": t(r), "y": t(y),
                    "weight_grad": t(emb.weight.grad), "repr": repr(emb),
                    "init_padding_row_is_zero": bool((nn.Embedding(6, 3, padding_idx=-2).weight[4] == 0).all())}

# ---------------------------------------------------------------- cross-entropy / NLL on [N, C, d1, d2]
N, C, D1, D2 = 2, 4, 3, 2
logits = torch.randn(N, C, D1, D2).round(decimals=2)
target = torch.randint(0, C, (N, D1, D2))
target_ignored = target.clone()
target_ignored[0, 1, 0] = -100
target_ignored[1, 2, 1] = -100
target_custom = target.clone()  # ignore_index=2 (a real class)
probs = torch.softmax(torch.randn(N, C, D1, D2), dim=1)
weight = torch.tensor([1.0, 2.0, 0.5, 1.5])
ce_cases = {}
configs = [
    ("ce", "ce", target, dict()),
    ("ce_weight_ignore", "ce", target_ignored, dict(weight=weight)),
    ("ce_ignore_index_2", "ce", target_custom, dict(ignore_index=2)),
    ("ce_smoothing_weight_ignore", "ce", target_ignored, dict(weight=weight, label_smoothing=0.2)),
    ("ce_smoothing", "ce", target_ignored, dict(label_smoothing=0.1)),
    ("ce_probabilities", "ce", probs, dict()),
    ("ce_probabilities_weight_smoothing", "ce", probs, dict(weight=weight, label_smoothing=0.3)),
    ("nll_weight_ignore", "nll", target_ignored, dict(weight=weight)),
]
for name, kind, tg, kwargs in configs:
    for red in ["none", "mean", "sum"]:
        xi = logits.clone().requires_grad_()
        if kind == "ce":
            loss = F.cross_entropy(xi, tg, reduction=red, **kwargs)
        else:
            loss = F.nll_loss(F.log_softmax(xi, dim=1), tg, reduction=red, **kwargs)
        loss.sum().backward()
        case = {"kind": kind, "reduction": red, "target": t(tg.to(torch.float64)), "loss": t(loss), "grad": t(xi.grad)}
        for k, v in kwargs.items():
            case[k] = t(v) if torch.is_tensor(v) else v
        ce_cases[f"{name}_{red}"] = case

# every target ignored: mean is NaN (0/0) with a zero gradient; sum is 0
all_ignored = {}
everything_ignored = torch.full((N, D1, D2), -100)
for name, kind, kwargs in [("ce", "ce", dict()), ("ce_smoothing_weight", "ce", dict(weight=weight, label_smoothing=0.1)),
                           ("nll", "nll", dict())]:
    for red in ["mean", "sum"]:
        xi = logits.clone().requires_grad_()
        if kind == "ce":
            loss = F.cross_entropy(xi, everything_ignored, reduction=red, **kwargs)
        else:
            loss = F.nll_loss(F.log_softmax(xi, dim=1), everything_ignored, reduction=red, **kwargs)
        loss.backward()
        all_ignored[f"{name}_{red}"] = {"kind": kind, "reduction": red, "loss_is_nan": math.isnan(loss.item()),
                                        "loss": 0.0 if math.isnan(loss.item()) else loss.item(),
                                        "grad_abs_sum": xi.grad.abs().sum().item(),
                                        "weight": t(kwargs["weight"]) if "weight" in kwargs else None,
                                        "label_smoothing": kwargs.get("label_smoothing", 0.0)}
out["cross_entropy"] = {"logits": t(logits), "cases": ce_cases, "all_ignored": all_ignored}

fixtures.save("activations_losses", out)
