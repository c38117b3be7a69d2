"""Reference values for the graph ops and layers (dev.myelin.graph, dev.myelin.nn.graph).

PyTorch Geometric is not installed here, so the layers are written out in plain PyTorch 1.13 with the semantics of
PyG 2.x (gcn_norm with add_remaining_self_loops, SAGEConv's lin_l/lin_r, GATConv's remove + add self-loops and
softmax over each target's incoming edges); autograd gives the gradients of sum(out * r) for a fixed random r.
Run: /usr/bin/python3 myelin-core/src/test/python/graph.py
"""
import torch
import torch.nn.functional as F

from fixtures import save, t

torch.manual_seed(17)
N = 7  # node 6 is isolated; node 2 has a self-loop
SRC = [0, 1, 1, 2, 2, 3, 4, 0, 5, 2, 3]
DST = [1, 0, 2, 1, 3, 2, 5, 4, 4, 2, 0]
E = len(SRC)
ei = torch.tensor([SRC, DST])
F_IN, F_OUT, HEADS = 3, 4, 2


def leaf(*shape):
    return torch.randn(*shape, dtype=torch.float64, requires_grad=True)


def scatter_sum(src, index, size):
    return torch.zeros((size,) + src.shape[1:], dtype=src.dtype).index_add(0, index, src)


def run(name, fn, inputs, out):
    """Saves inputs, the output, r and the gradient of sum(out * r) for every input."""
    r = torch.randn(out.shape, dtype=torch.float64)
    grads = torch.autograd.grad((out * r).sum(), list(inputs.values()))
    case = {"out": t(out), "r": t(r)}
    for (k, v), g in zip(inputs.items(), grads):
        case[k] = t(v)
        case["grad_" + k] = t(g)
    return case


cases = {}

# sparse x dense, values per COO entry (a duplicate entry (2, 1) included)
rows = torch.tensor([0, 2, 2, 1, 3, 2, 0])
cols = torch.tensor([1, 1, 0, 3, 2, 1, 4])
vals, dense = leaf(7), leaf(5, 3)
A = torch.sparse_coo_tensor(torch.stack([rows, cols]), vals, (4, 5))
cases["spmm"] = run("spmm", None, {"values": vals, "dense": dense}, torch.sparse.mm(A, dense))
cases["spmm"]["rows"] = rows.tolist()
cases["spmm"]["cols"] = cols.tolist()

# scatter sum / mean / max along dim 0 into 5 rows (row 3 receives nothing)
index = torch.tensor([0, 2, 2, 1, 0, 4, 2])
for reduce in ["sum", "mean", "max"]:
    src = leaf(7, 3)
    if reduce == "sum":
        out = scatter_sum(src, index, 5)
    elif reduce == "mean":
        out = scatter_sum(src, index, 5) / scatter_sum(torch.ones(7, dtype=torch.float64), index, 5).clamp(min=1)[:, None]
    else:
        out = torch.zeros(5, 3, dtype=torch.float64).scatter_reduce(0, index[:, None].expand(7, 3), src, "amax", include_self=False)
    cases["scatter_" + reduce] = run(reduce, None, {"src": src}, out)
cases["scatter_index"] = index.tolist()


def gcn_norm(ew, improved):
    fill = 2.0 if improved else 1.0
    ew = torch.ones(E, dtype=torch.float64) if ew is None else ew
    keep = ei[0] != ei[1]
    loop_w = torch.full((N,), fill, dtype=torch.float64)
    loop_w = loop_w.index_put((ei[0][~keep],), ew[~keep])  # add_remaining_self_loops: an existing loop keeps its weight
    ar = torch.arange(N)
    ei2 = torch.cat([ei[:, keep], torch.stack([ar, ar])], 1)
    w2 = torch.cat([ew[keep], loop_w])
    deg = scatter_sum(w2, ei2[1], N)
    dis = deg.pow(-0.5)
    dis = dis.masked_fill(dis == float("inf"), 0)
    return ei2, dis[ei2[0]] * w2 * dis[ei2[1]]


def gcn(x, weight, bias, ew=None, improved=False):
    ei2, norm = gcn_norm(ew, improved)
    h = x @ weight.t()
    return scatter_sum(norm[:, None] * h[ei2[0]], ei2[1], N) + bias


x, W, b = leaf(N, F_IN), leaf(F_OUT, F_IN), leaf(F_OUT)
cases["gcn"] = run("gcn", None, {"x": x, "lin.weight": W, "bias": b}, gcn(x, W, b))
x, W, b, ew = leaf(N, F_IN), leaf(F_OUT, F_IN), leaf(F_OUT), torch.rand(E, dtype=torch.float64).add(0.5).requires_grad_()
cases["gcn_weighted_improved"] = run("gcn_w", None, {"x": x, "lin.weight": W, "bias": b, "edge_weight": ew}, gcn(x, W, b, ew, True))


def sage(x, wl, bl, wr):
    deg = scatter_sum(torch.ones(E, dtype=torch.float64), ei[1], N).clamp(min=1)
    agg = scatter_sum(x[ei[0]], ei[1], N) / deg[:, None]
    return agg @ wl.t() + bl + x @ wr.t()


x, wl, bl, wr = leaf(N, F_IN), leaf(F_OUT, F_IN), leaf(F_OUT), leaf(F_OUT, F_IN)
cases["sage"] = run("sage", None, {"x": x, "lin_l.weight": wl, "lin_l.bias": bl, "lin_r.weight": wr}, sage(x, wl, bl, wr))


def gat(x, weight, att_src, att_dst, bias, concat):
    h = (x @ weight.t()).view(N, HEADS, F_OUT)
    a_s, a_d = (h * att_src).sum(-1), (h * att_dst).sum(-1)
    keep = ei[0] != ei[1]
    ar = torch.arange(N)
    ei2 = torch.cat([ei[:, keep], torch.stack([ar, ar])], 1)
    s, d = ei2[0], ei2[1]
    alpha = F.leaky_relu(a_s[s] + a_d[d], 0.2)
    mx = torch.zeros(N, HEADS, dtype=torch.float64).scatter_reduce(0, d[:, None].expand(-1, HEADS), alpha.detach(), "amax", include_self=False)
    e = (alpha - mx[d]).exp()
    alpha = e / (scatter_sum(e, d, N)[d] + 1e-16)
    out = scatter_sum(h[s] * alpha[..., None], d, N)
    out = out.reshape(N, HEADS * F_OUT) if concat else out.mean(1)
    return out + bias


for concat in [True, False]:
    x, W, asrc, adst = leaf(N, F_IN), leaf(HEADS * F_OUT, F_IN), leaf(1, HEADS, F_OUT), leaf(1, HEADS, F_OUT)
    b = leaf(HEADS * F_OUT if concat else F_OUT)
    cases["gat_concat" if concat else "gat_mean"] = run("gat", None, {"x": x, "lin.weight": W, "att_src": asrc, "att_dst": adst, "bias": b},
                                                        gat(x, W, asrc, adst, b, concat))

# global pooling over a batch of 3 graphs (graph 1 has one node)
batch = torch.tensor([0, 0, 0, 1, 2, 2])
for pool in ["add", "mean", "max"]:
    x = leaf(6, 3)
    if pool == "add":
        out = scatter_sum(x, batch, 3)
    elif pool == "mean":
        out = scatter_sum(x, batch, 3) / torch.tensor([3.0, 1.0, 2.0], dtype=torch.float64)[:, None]
    else:
        out = torch.zeros(3, 3, dtype=torch.float64).scatter_reduce(0, batch[:, None].expand(6, 3), x, "amax", include_self=False)
    cases["pool_" + pool] = run(pool, None, {"x": x}, out)
cases["pool_batch"] = batch.tolist()


# GATConv with edge features (PyG's edge_dim, fill_value): the loops' features are filled from each target's incoming
# edges (or a constant) after the old loops are removed; alpha adds a_edgeᵀΘ_e e_ji. The attention weights of the
# last case are saved too (return_attention_weights).
D = 2


def loops_with_attr(ea, fill):
    """PyG's remove_self_loops + add_self_loops(edge_attr, fill_value): kept edges, then i -> i with filled features."""
    s, d = ei[0], ei[1]
    keep = s != d
    s, d, ea = s[keep], d[keep], ea[keep]
    width = ea.shape[1]
    if fill == "mean":
        count = scatter_sum(torch.ones(len(d), dtype=torch.float64), d, N).clamp(min=1)
        loop = scatter_sum(ea, d, N) / count[:, None]
    elif fill == "add":
        loop = scatter_sum(ea, d, N)
    elif fill in ("max", "min"):
        loop = torch.zeros(N, width, dtype=torch.float64).scatter_reduce(
            0, d[:, None].expand(-1, width), ea, "amax" if fill == "max" else "amin", include_self=False)
    else:
        loop = torch.full((N, width), float(fill), dtype=torch.float64)
    ar = torch.arange(N)
    return torch.cat([s, ar]), torch.cat([d, ar]), torch.cat([ea, loop])


def segment_softmax(score, d):
    mx = torch.zeros(N, HEADS, dtype=torch.float64).scatter_reduce(0, d[:, None].expand(-1, HEADS), score.detach(), "amax", include_self=False)
    e = (score - mx[d]).exp()
    return e / (scatter_sum(e, d, N)[d] + 1e-16)


def gat_edges(x, weight, att_src, att_dst, w_edge, att_edge, edge_attr, bias, concat, fill, loops):
    h = (x @ weight.t()).view(N, HEADS, F_OUT)
    a_s, a_d = (h * att_src).sum(-1), (h * att_dst).sum(-1)
    ea = edge_attr.view(-1, 1) if edge_attr.dim() == 1 else edge_attr
    s, d = ei[0], ei[1]
    if loops:
        s, d, ea = loops_with_attr(ea, fill)
    a_e = ((ea @ w_edge.t()).view(-1, HEADS, F_OUT) * att_edge).sum(-1)
    alpha = segment_softmax(F.leaky_relu(a_s[s] + a_d[d] + a_e, 0.2), d)
    out = scatter_sum(h[s] * alpha[..., None], d, N)
    out = out.reshape(N, HEADS * F_OUT) if concat else out.mean(1)
    return out + bias, alpha


for name, concat, fill, loops, width in [("gat_edge_mean", True, "mean", True, D), ("gat_edge_max", False, "max", True, D),
                                         ("gat_edge_min", True, "min", True, D), ("gat_edge_add", True, "add", True, D),
                                         ("gat_edge_const", True, 0.5, True, 1), ("gat_edge_noloops", True, "mean", False, D)]:
    x, W, asrc, adst = leaf(N, F_IN), leaf(HEADS * F_OUT, F_IN), leaf(1, HEADS, F_OUT), leaf(1, HEADS, F_OUT)
    we, aedge = leaf(HEADS * F_OUT, width), leaf(1, HEADS, F_OUT)
    attr = leaf(E) if width == 1 else leaf(E, width)  # a 1-D edge_attr is one feature per edge, as PyG views it
    b = leaf(HEADS * F_OUT if concat else F_OUT)
    out, alpha = gat_edges(x, W, asrc, adst, we, aedge, attr, b, concat, fill, loops)
    cases[name] = run("gat_edges", None, {"x": x, "lin.weight": W, "att_src": asrc, "att_dst": adst, "lin_edge.weight": we,
                                          "att_edge": aedge, "bias": b, "edge_attr": attr}, out)
    cases[name]["alpha"] = t(alpha)


# GATv2Conv: alpha from aᵀ LeakyReLU(Θ_s x_j + Θ_t x_i [+ Θ_e e_ji]); lin_l and lin_r with biases; the coefficients
# returned are those before dropout. The second case shares the weights (lin_r is lin_l) and has edge features.


def gatv2(x, wl, bl, wr, br, att, bias, concat, share, w_edge=None, edge_attr=None):
    xl = (x @ wl.t() + bl).view(N, HEADS, F_OUT)
    xr = xl if share else (x @ wr.t() + br).view(N, HEADS, F_OUT)
    if edge_attr is None:
        keep = ei[0] != ei[1]
        ar = torch.arange(N)
        s, d, ea = torch.cat([ei[0][keep], ar]), torch.cat([ei[1][keep], ar]), None
    else:
        s, d, ea = loops_with_attr(edge_attr, "mean")
    z = xl[s] + xr[d]
    if ea is not None:
        z = z + (ea @ w_edge.t()).view(-1, HEADS, F_OUT)
    alpha = segment_softmax((F.leaky_relu(z, 0.2) * att).sum(-1), d)
    out = scatter_sum(xl[s] * alpha[..., None], d, N)
    out = out.reshape(N, HEADS * F_OUT) if concat else out.mean(1)
    return out + bias, alpha


x, wl, bl, wr, br = leaf(N, F_IN), leaf(HEADS * F_OUT, F_IN), leaf(HEADS * F_OUT), leaf(HEADS * F_OUT, F_IN), leaf(HEADS * F_OUT)
att, b = leaf(1, HEADS, F_OUT), leaf(HEADS * F_OUT)
out, alpha = gatv2(x, wl, bl, wr, br, att, b, True, False)
cases["gatv2_concat"] = run("gatv2", None, {"x": x, "lin_l.weight": wl, "lin_l.bias": bl, "lin_r.weight": wr, "lin_r.bias": br,
                                            "att": att, "bias": b}, out)
cases["gatv2_concat"]["alpha"] = t(alpha)
x, wl, bl, att, b = leaf(N, F_IN), leaf(HEADS * F_OUT, F_IN), leaf(HEADS * F_OUT), leaf(1, HEADS, F_OUT), leaf(F_OUT)
we, attr = leaf(HEADS * F_OUT, D), leaf(E, D)
out, alpha = gatv2(x, wl, bl, None, None, att, b, False, True, we, attr)
cases["gatv2_shared_edges"] = run("gatv2", None, {"x": x, "lin_l.weight": wl, "lin_l.bias": bl, "att": att,
                                                  "lin_edge.weight": we, "bias": b, "edge_attr": attr}, out)
cases["gatv2_shared_edges"]["alpha"] = t(alpha)

# GINConv(nn, eps=0.3, train_eps=True): nn((1 + eps)·x_i + Σ_{j→i} x_j), no self-loops added (node 2's own loop counts
# once in the sum); nn = Linear(3, 5), ReLU, Linear(5, 4).
x, eps = leaf(N, F_IN), torch.tensor([0.3], dtype=torch.float64, requires_grad=True)
w1, b1, w2, b2 = leaf(5, F_IN), leaf(5), leaf(F_OUT, 5), leaf(F_OUT)
h = (1 + eps) * x + scatter_sum(x[ei[0]], ei[1], N)
cases["gin"] = run("gin", None, {"x": x, "eps": eps, "nn.0.weight": w1, "nn.0.bias": b1, "nn.2.weight": w2, "nn.2.bias": b2},
                   F.relu(h @ w1.t() + b1) @ w2.t() + b2)

# TransformerConv: alpha = softmax_j((W_q x_i)·(W_k x_j [+ W_e e_ji]) / sqrt(out)) over i's incoming edges (no
# self-loops added; node 2's own loop is an edge like any other), out_i = sum_j alpha (W_v x_j [+ W_e e_ji]), heads
# concatenated or averaged, plus the skip W_s x_i, or with beta the gate b = sigmoid(w·[m, r, m - r]) mixing
# b·r + (1 - b)·m. The coefficients are returned before dropout.


def transformer(x, p, concat, beta, edge_attr=None):
    s, d = ei[0], ei[1]
    q = (x @ p["lin_query.weight"].t() + p["lin_query.bias"]).view(N, HEADS, F_OUT)[d]
    k = (x @ p["lin_key.weight"].t() + p["lin_key.bias"]).view(N, HEADS, F_OUT)[s]
    v = (x @ p["lin_value.weight"].t() + p["lin_value.bias"]).view(N, HEADS, F_OUT)[s]
    if edge_attr is not None:
        e = (edge_attr @ p["lin_edge.weight"].t()).view(-1, HEADS, F_OUT)
        k, v = k + e, v + e
    alpha = segment_softmax((q * k).sum(-1) / F_OUT ** 0.5, d)
    m = scatter_sum(v * alpha[..., None], d, N)
    m = m.reshape(N, HEADS * F_OUT) if concat else m.mean(1)
    r = x @ p["lin_skip.weight"].t() + p["lin_skip.bias"]
    if beta:
        b = torch.sigmoid(torch.cat([m, r, m - r], 1) @ p["lin_beta.weight"].t())
        return b * r + (1 - b) * m, alpha
    return m + r, alpha


for name, concat, beta, edges in [("transformer_beta", True, True, False), ("transformer_edges", False, False, True)]:
    width = HEADS * F_OUT if concat else F_OUT
    p = {}
    for lin in ["lin_key", "lin_query", "lin_value"]:
        p[lin + ".weight"], p[lin + ".bias"] = leaf(HEADS * F_OUT, F_IN), leaf(HEADS * F_OUT)
    if edges:
        p["lin_edge.weight"] = leaf(HEADS * F_OUT, D)
    p["lin_skip.weight"], p["lin_skip.bias"] = leaf(width, F_IN), leaf(width)
    if beta:
        p["lin_beta.weight"] = leaf(1, 3 * width)
    x = leaf(N, F_IN)
    inputs = {"x": x, **p}
    attr = None
    if edges:
        attr = leaf(E, D)
        inputs["edge_attr"] = attr
    out, alpha = transformer(x, p, concat, beta, attr)
    cases[name] = run("transformer", None, inputs, out)
    cases[name]["alpha"] = t(alpha)

cases["graph"] = {"num_nodes": N, "src": SRC, "dst": DST, "in": F_IN, "out": F_OUT, "heads": HEADS}
save("graph", cases)
