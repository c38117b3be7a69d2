"""Reference runs of torch.optim.LBFGS (LBFGSTest).

Two convex problems with one minimum, so every correct L-BFGS reaches the same point: least squares with a
Linear(3, 1) and logistic regression (BCEWithLogits, overlapping classes) with a Linear(4, 1). For each: the data,
the initial weight and bias, the loss returned by the first step (the loss at the start), and the weight, bias and
loss after 10 steps of LBFGS(lr=1, max_iter=20, line_search_fn="strong_wolfe").
Run: /usr/bin/python3 myelin-core/src/test/python/lbfgs.py
"""
import torch
import torch.nn as nn

import fixtures
from fixtures import t

torch.manual_seed(0)
cases = []


def case(name, model, x, y, loss_fn):
    w0, b0 = model.weight.detach().clone(), model.bias.detach().clone()
    opt = torch.optim.LBFGS(model.parameters(), lr=1, max_iter=20, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        return loss

    first = opt.step(closure).item()
    for _ in range(9):
        opt.step(closure)
    with torch.no_grad():
        final = loss_fn(model(x), y).item()
    cases.append({"name": name, "x": t(x), "y": t(y), "weight0": t(w0), "bias0": t(b0), "first_loss": first,
                  "weight": t(model.weight), "bias": t(model.bias), "loss": final})


x = torch.randn(40, 3)
y = x @ torch.tensor([[1.5], [-2.0], [0.5]]) + 0.3 + 0.1 * torch.randn(40, 1)
case("least squares", nn.Linear(3, 1), x, y, nn.MSELoss())
x = torch.randn(60, 4)
y = ((x @ torch.tensor([[1.0], [-1.0], [0.5], [0.0]]) + 0.8 * torch.randn(60, 1)) > 0).float()
case("logistic", nn.Linear(4, 1), x, y, nn.BCEWithLogitsLoss())
fixtures.save("lbfgs", {"cases": cases})
