"""Reference values for the recurrent layers (nn.RNN/LSTM/GRU and the cells) with PyTorch 1.13.

Each case builds a layer in float64, runs it on random inputs (optional initial states, optional lengths
through pack_padded_sequence / pad_packed_sequence(total_length=T)), and records the parameters, the
outputs and the gradients of loss = Σ output·wo + Σ h_n·wh (+ Σ c_n·wc) with respect to the inputs, the
initial states and every parameter. Writes fixtures/rnn.json.
"""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

import fixtures

torch.manual_seed(15)
torch.set_default_dtype(torch.float64)

KINDS = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}


def layer_case(kind, I=3, H=4, T=5, B=3, num_layers=1, bias=True, batch_first=False, bidirectional=False,
               nonlinearity="tanh", dropout=0.0, h0=False, lengths=None, unbatched=False):
    kw = dict(num_layers=num_layers, bias=bias, batch_first=batch_first, bidirectional=bidirectional, dropout=dropout)
    if kind == "RNN":
        kw["nonlinearity"] = nonlinearity
    m = KINDS[kind](I, H, **kw)
    m.eval()  # dropout only acts in training, where the RNG differs from ours
    D = 2 if bidirectional else 1
    shape = [T, I] if unbatched else ([B, T, I] if batch_first else [T, B, I])
    x = torch.randn(*shape, requires_grad=True)
    sshape = [num_layers * D, H] if unbatched else [num_layers * D, B, H]
    hx = torch.randn(*sshape, requires_grad=True) if h0 else None
    cx = torch.randn(*sshape, requires_grad=True) if (h0 and kind == "LSTM") else None
    state = (hx, cx) if kind == "LSTM" and h0 else hx
    if lengths is not None:
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=batch_first, enforce_sorted=False)
        out, hn = m(packed, state)
        out, _ = pad_packed_sequence(out, batch_first=batch_first, total_length=T)
    else:
        out, hn = m(x, state)
    hn, cn = hn if kind == "LSTM" else (hn, None)
    wo, wh = torch.randn(out.shape), torch.randn(hn.shape)
    loss = (out * wo).sum() + (hn * wh).sum()
    case = {"kind": kind, "inputSize": I, "hiddenSize": H, "numLayers": num_layers, "bias": bias,
            "batchFirst": batch_first, "bidirectional": bidirectional, "nonlinearity": nonlinearity,
            "dropout": dropout, "repr": repr(m), "x": fixtures.t(x), "output": fixtures.t(out), "h": fixtures.t(hn),
            "wo": fixtures.t(wo), "wh": fixtures.t(wh)}
    if cn is not None:
        wc = torch.randn(cn.shape)
        loss = loss + (cn * wc).sum()
        case["c"], case["wc"] = fixtures.t(cn), fixtures.t(wc)
    loss.backward()
    case["grad_x"] = fixtures.t(x.grad)
    if hx is not None:
        case["h0"], case["grad_h0"] = fixtures.t(hx), fixtures.t(hx.grad)
    if cx is not None:
        case["c0"], case["grad_c0"] = fixtures.t(cx), fixtures.t(cx.grad)
    if lengths is not None:
        case["lengths"] = list(lengths)
    case["param_names"] = [n for n, _ in m.named_parameters()]  # torch's order (the dicts below get sorted keys)
    case["params"] = {n: fixtures.t(p) for n, p in m.named_parameters()}
    case["grads"] = {n: fixtures.t(p.grad) for n, p in m.named_parameters()}
    return case


CELLS = {"RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}


def cell_case(kind, I=3, H=4, B=2, bias=True, nonlinearity="tanh", state=True, unbatched=False):
    kw = {"bias": bias}
    if kind == "RNNCell":
        kw["nonlinearity"] = nonlinearity
    m = CELLS[kind](I, H, **kw)
    x = torch.randn(*([I] if unbatched else [B, I]), requires_grad=True)
    sshape = [H] if unbatched else [B, H]
    hx = torch.randn(*sshape, requires_grad=True) if state else None
    cx = torch.randn(*sshape, requires_grad=True) if state and kind == "LSTMCell" else None
    if kind == "LSTMCell":
        h, c = m(x, (hx, cx) if state else None)
    else:
        h, c = m(x, hx), None
    wh = torch.randn(h.shape)
    loss = (h * wh).sum()
    case = {"kind": kind, "inputSize": I, "hiddenSize": H, "bias": bias, "nonlinearity": nonlinearity, "repr": repr(m),
            "x": fixtures.t(x), "h": fixtures.t(h), "wh": fixtures.t(wh)}
    if c is not None:
        wc = torch.randn(c.shape)
        loss = loss + (c * wc).sum()
        case["c"], case["wc"] = fixtures.t(c), fixtures.t(wc)
    loss.backward()
    case["grad_x"] = fixtures.t(x.grad)
    if hx is not None:
        case["h0"], case["grad_h0"] = fixtures.t(hx), fixtures.t(hx.grad)
    if cx is not None:
        case["c0"], case["grad_c0"] = fixtures.t(cx), fixtures.t(cx.grad)
    case["param_names"] = [n for n, _ in m.named_parameters()]  # torch's order (the dicts below get sorted keys)
    case["params"] = {n: fixtures.t(p) for n, p in m.named_parameters()}
    case["grads"] = {n: fixtures.t(p.grad) for n, p in m.named_parameters()}
    return case


layers = {}
for kind in ["RNN", "LSTM", "GRU"]:
    k = kind.lower()
    layers[k + "_default"] = layer_case(kind)
    layers[k + "_h0"] = layer_case(kind, h0=True)
    layers[k + "_2layers"] = layer_case(kind, num_layers=2)
    layers[k + "_bidirectional"] = layer_case(kind, bidirectional=True, h0=True)
    layers[k + "_2layers_bidirectional_batch_first"] = layer_case(kind, num_layers=2, bidirectional=True, batch_first=True, h0=True)
    layers[k + "_no_bias"] = layer_case(kind, bias=False, num_layers=2)
    layers[k + "_batch_first"] = layer_case(kind, batch_first=True)
    layers[k + "_lengths"] = layer_case(kind, B=4, lengths=[5, 2, 4, 1])
    layers[k + "_lengths_2layers_bidirectional_h0"] = layer_case(kind, B=4, num_layers=2, bidirectional=True, h0=True,
                                                                 lengths=[3, 5, 1, 4])
    layers[k + "_lengths_batch_first_bidirectional"] = layer_case(kind, B=3, batch_first=True, bidirectional=True,
                                                                  lengths=[2, 5, 3])
    layers[k + "_eval_dropout"] = layer_case(kind, num_layers=3, dropout=0.5)
    layers[k + "_unbatched"] = layer_case(kind, unbatched=True, h0=True, num_layers=2, bidirectional=True)
layers["rnn_relu"] = layer_case("RNN", nonlinearity="relu", h0=True, num_layers=2)
layers["rnn_relu_lengths_bidirectional"] = layer_case("RNN", nonlinearity="relu", bidirectional=True, B=3, lengths=[4, 5, 2])
layers["lstm_bigger"] = layer_case("LSTM", I=5, H=9, T=6, B=5, num_layers=1, bidirectional=True, h0=True, lengths=[6, 3, 1, 5, 6])
layers["gru_bigger"] = layer_case("GRU", I=5, H=9, T=6, B=5, num_layers=1, bidirectional=True, batch_first=True, lengths=[2, 6, 6, 4, 1])
# hidden sizes past one vector (16 floats with AVX-512) plus a tail, so the vectorized gate loops are compared too
layers["lstm_wide"] = layer_case("LSTM", I=3, H=19, T=4, B=3, h0=True, lengths=[4, 2, 3])
layers["gru_wide"] = layer_case("GRU", I=3, H=19, T=4, B=3, h0=True, lengths=[1, 4, 3])
layers["rnn_wide"] = layer_case("RNN", I=3, H=19, T=4, B=2)

cells = {}
for kind in ["RNNCell", "LSTMCell", "GRUCell"]:
    k = kind.lower()
    cells[k] = cell_case(kind)
    cells[k + "_zero_state"] = cell_case(kind, state=False)
    cells[k + "_no_bias"] = cell_case(kind, bias=False)
    cells[k + "_unbatched"] = cell_case(kind, unbatched=True)
cells["rnncell_relu"] = cell_case("RNNCell", nonlinearity="relu")
cells["lstmcell_wide"] = cell_case("LSTMCell", H=19, B=2)
cells["grucell_wide"] = cell_case("GRUCell", H=19, B=2)

fixtures.save("rnn", {"layers": layers, "cells": cells})
