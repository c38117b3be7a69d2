"""Reference values for attention and Transformers with PyTorch 1.13 (fixtures/attention.json).

PyTorch 1.13 has no F.scaled_dot_product_attention, so its reference is the explicit formula
softmax(q·kᵀ/√E + mask)·v (boolean masks: True takes part; causal: key j ≤ query i). The modules
(nn.MultiheadAttention, the Transformer layers and stacks, nn.Transformer, nn.LayerNorm) run in float64 in
eval mode (dropout off); every case records the parameters, the outputs and the gradients of
loss = Σ out·w (+ Σ weights·ww for attention weights) with respect to the inputs and every parameter.
"""
import math

import torch
from torch import nn

import fixtures

torch.manual_seed(16)
torch.set_default_dtype(torch.float64)
t = fixtures.t


def params(m):
    return {"param_names": [n for n, _ in m.named_parameters()],
            "params": {n: t(p) for n, p in m.named_parameters()},
            "grads": {n: t(p.grad) for n, p in m.named_parameters()}}


def keep_mask(*shape, p=0.6):
    """A boolean mask, True with probability p, never a row of all False (the first key always takes part)."""
    m = torch.rand(*shape) < p
    m[..., 0] = True
    return m


def sdpa_reference(q, k, v, mask=None, causal=False):
    e = q.size(-1)
    s = q @ k.transpose(-2, -1) / math.sqrt(e)
    if causal:
        L, S = q.size(-2), k.size(-2)
        s = s.masked_fill(~torch.ones(L, S, dtype=torch.bool).tril(), float("-inf"))
    if mask is not None:
        s = s.masked_fill(~mask, float("-inf")) if mask.dtype == torch.bool else s + mask
    return torch.softmax(s, -1) @ v


def sdpa_case(qs, ks, vs, mask=None, causal=False):
    q, k, v = (torch.randn(*s, requires_grad=True) for s in (qs, ks, vs))
    out = sdpa_reference(q, k, v, mask, causal)
    w = torch.randn(out.shape)
    (out * w).sum().backward()
    case = {"q": t(q), "k": t(k), "v": t(v), "out": t(out), "w": t(w), "causal": causal,
            "grad_q": t(q.grad), "grad_k": t(k.grad), "grad_v": t(v.grad)}
    if mask is not None:
        case["mask"] = t(mask.to(torch.float64))
        case["mask_kind"] = "allow" if mask.dtype == torch.bool else "additive"
    return case


sdpa = {
    "plain": sdpa_case([2, 3, 4, 5], [2, 3, 6, 5], [2, 3, 6, 4]),
    "bool_mask": sdpa_case([2, 3, 4, 5], [2, 3, 6, 5], [2, 3, 6, 4], mask=keep_mask(4, 6)),
    "bool_mask_per_batch": sdpa_case([2, 3, 4, 5], [2, 3, 6, 5], [2, 3, 6, 4], mask=keep_mask(2, 1, 1, 6)),
    "additive_mask": sdpa_case([2, 3, 4, 5], [2, 3, 6, 5], [2, 3, 6, 4], mask=torch.randn(2, 1, 4, 6)),
    "causal": sdpa_case([2, 5, 4], [2, 5, 4], [2, 5, 3], causal=True),
    "causal_l_lt_s": sdpa_case([2, 4, 4], [2, 7, 4], [2, 7, 3], causal=True),
    "l_gt_s_3d": sdpa_case([3, 8, 4], [3, 3, 4], [3, 3, 6]),
}


def mha_case(E=8, H=2, L=4, S=5, N=3, batch_first=False, kdim=None, vdim=None, bias=True, self_attn=False,
             kpm=None, attn_mask=None, need_weights=True, average=True, unbatched=False):
    m = nn.MultiheadAttention(E, H, bias=bias, kdim=kdim, vdim=vdim, batch_first=batch_first)
    m.eval()
    kd, vd = kdim or E, vdim or E

    def shape(T, F):
        if unbatched:
            return [T, F]
        return [N, T, F] if batch_first else [T, N, F]
    if self_attn:
        x = torch.randn(*shape(L, E), requires_grad=True)
        q = k = v = x
    else:
        q = torch.randn(*shape(L, E), requires_grad=True)
        k = torch.randn(*shape(S, kd), requires_grad=True)
        v = torch.randn(*shape(S, vd), requires_grad=True)
    out, weights = m(q, k, v, key_padding_mask=kpm, need_weights=need_weights, attn_mask=attn_mask,
                     average_attn_weights=average)
    wo = torch.randn(out.shape)
    loss = (out * wo).sum()
    case = {"embedDim": E, "numHeads": H, "batchFirst": batch_first, "kdim": kd, "vdim": vd, "bias": bias,
            "selfAttn": self_attn, "needWeights": need_weights, "average": average,
            "query": t(q), "out": t(out), "wo": t(wo)}
    if weights is not None:
        ww = torch.randn(weights.shape)
        loss = loss + (weights * ww).sum()
        case["weights"], case["ww"] = t(weights), t(ww)
    loss.backward()
    case["grad_query"] = t(q.grad)
    if not self_attn:
        case["key"], case["value"], case["grad_key"], case["grad_value"] = t(k), t(v), t(k.grad), t(v.grad)
    if kpm is not None:
        case["key_padding_mask"] = t(kpm.to(torch.float64))
    if attn_mask is not None:
        case["attn_mask"] = t(attn_mask.to(torch.float64))
        case["attn_mask_kind"] = "block" if attn_mask.dtype == torch.bool else "additive"
    case.update(params(m))
    return case


mha = {
    "default": mha_case(),
    "self_attention_batch_first": mha_case(batch_first=True, self_attn=True, S=4),
    "batch_first": mha_case(batch_first=True),
    "kdim_vdim": mha_case(kdim=5, vdim=3),
    "no_bias": mha_case(bias=False),
    "key_padding_mask": mha_case(kpm=~keep_mask(3, 5)),
    "attn_mask_bool": mha_case(attn_mask=~keep_mask(4, 5)),
    "attn_mask_float_per_head": mha_case(attn_mask=torch.randn(3 * 2, 4, 5)),
    "both_masks_bool": mha_case(kpm=~keep_mask(3, 5), attn_mask=~keep_mask(4, 5), batch_first=True),
    "per_head_weights": mha_case(average=False, H=4),
    "no_weights": mha_case(need_weights=False, kpm=~keep_mask(3, 5)),
    "unbatched": mha_case(unbatched=True, kpm=~keep_mask(5)),
}


def module_case(m, inputs, masks=None):
    """Runs m(*inputs, **masks) in eval mode; records inputs, output, gradients."""
    m.eval()
    out = m(*inputs, **(masks or {}))
    w = torch.randn(out.shape)
    (out * w).sum().backward()
    case = {"inputs": [t(x) for x in inputs], "grad_inputs": [t(x.grad) for x in inputs], "out": t(out), "w": t(w)}
    if masks:
        # JSON has no -Infinity: a 0/-inf float mask (generate_square_subsequent_mask) is written as the boolean mask it equals
        masks = {k: (torch.isinf(v) if v.dtype != torch.bool and bool(((v == 0) | torch.isinf(v)).all()) else v) for k, v in masks.items()}
        case["masks"] = {k: t(v.to(torch.float64)) for k, v in masks.items()}
        case["mask_kinds"] = {k: ("block" if v.dtype == torch.bool else "additive") for k, v in masks.items()}
    case.update(params(m))
    return case


def seq(T, N, F, batch_first=False):
    return torch.randn(*([N, T, F] if batch_first else [T, N, F]), requires_grad=True)


encoder_layers = {}
for act in ["relu", "gelu"]:
    for norm_first in [False, True]:
        for batch_first in [False, True]:
            name = act + ("_norm_first" if norm_first else "") + ("_batch_first" if batch_first else "")
            layer = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, activation=act,
                                               batch_first=batch_first, norm_first=norm_first)
            c = module_case(layer, [seq(5, 3, 8, batch_first)])
            c.update(activation=act, normFirst=norm_first, batchFirst=batch_first)
            encoder_layers[name] = c
layer = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, layer_norm_eps=1e-3)
c = module_case(layer, [seq(5, 3, 8)], {"src_mask": nn.Transformer.generate_square_subsequent_mask(5),
                                         "src_key_padding_mask": ~keep_mask(3, 5)})
c.update(activation="relu", normFirst=False, batchFirst=False, layerNormEps=1e-3)
encoder_layers["masks_eps"] = c

decoder_layers = {}
for norm_first in [False, True]:
    for act in ["relu", "gelu"]:
        name = act + ("_norm_first" if norm_first else "")
        layer = nn.TransformerDecoderLayer(8, 2, dim_feedforward=16, dropout=0.0, activation=act, norm_first=norm_first)
        c = module_case(layer, [seq(4, 3, 8), seq(6, 3, 8)],
                        {"tgt_mask": nn.Transformer.generate_square_subsequent_mask(4),
                         "memory_key_padding_mask": ~keep_mask(3, 6)})
        c.update(activation=act, normFirst=norm_first, batchFirst=False)
        decoder_layers[name] = c

stacks = {}
enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, batch_first=True), 2,
                            norm=nn.LayerNorm(8))
stacks["encoder_norm"] = module_case(enc, [seq(5, 3, 8, True)])
dec = nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2, dim_feedforward=16, dropout=0.0), 2)
stacks["decoder"] = module_case(dec, [seq(4, 3, 8), seq(6, 3, 8)],
                                {"tgt_mask": nn.Transformer.generate_square_subsequent_mask(4)})
tr = nn.Transformer(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=2, dim_feedforward=16, dropout=0.0)
stacks["transformer"] = module_case(tr, [seq(6, 3, 8), seq(4, 3, 8)],
                                    {"tgt_mask": nn.Transformer.generate_square_subsequent_mask(4),
                                     "src_key_padding_mask": ~keep_mask(3, 6),
                                     "memory_key_padding_mask": ~keep_mask(3, 6)})
tr = nn.Transformer(d_model=8, nhead=4, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=12, dropout=0.0,
                    activation="gelu", batch_first=True, norm_first=True)
stacks["transformer_gelu_norm_first_batch_first"] = module_case(tr, [seq(5, 2, 8, True), seq(3, 2, 8, True)])

layer_norms = {}
for name, shape, norm_shape in [("last_dim", [3, 4, 6], [6]), ("two_dims", [2, 3, 4, 5], [4, 5]), ("wide", [5, 70], [70])]:
    ln = nn.LayerNorm(norm_shape, eps=1e-5)
    with torch.no_grad():
        ln.weight.normal_()
        ln.bias.normal_()
    x = (torch.randn(*shape) * 3 + 2).requires_grad_(True)
    c = module_case(ln, [x])
    c["normalizedShape"] = norm_shape
    layer_norms[name] = c

# the PyTorch tutorial's PositionalEncoding table
max_len, d = 12, 8
position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
div_term = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
pe = torch.zeros(max_len, 1, d, dtype=torch.float32)
pe[:, 0, 0::2] = torch.sin(position * div_term)
pe[:, 0, 1::2] = torch.cos(position * div_term)

fixtures.save("attention", {"sdpa": sdpa, "mha": mha, "encoder_layers": encoder_layers, "decoder_layers": decoder_layers,
                            "stacks": stacks, "layer_norms": layer_norms, "sinusoidal_pe": t(pe)})
