"""Reference values for a WGAN-GP style gradient penalty on a 2-layer network (torch 1.13).

D(x) = W2·act(W1·x + b1) + b2, penalty = mean_i (||dD(x_i)/dx_i||_2 - 1)^2, computed with
torch.autograd.grad(create_graph=True); the fixture holds the inputs, the weights, the penalty and
its gradient with respect to every weight, for act = tanh and relu.
"""
import torch

import fixtures

torch.manual_seed(0)
x = torch.randn(5, 4)
w1 = torch.randn(8, 4) * 0.7
b1 = torch.randn(8) * 0.1
w2 = torch.randn(1, 8) * 0.7
b2 = torch.randn(1) * 0.1

out = {"x": fixtures.t(x), "w1": fixtures.t(w1), "b1": fixtures.t(b1), "w2": fixtures.t(w2), "b2": fixtures.t(b2)}
for name, act in [("tanh", torch.tanh), ("relu", torch.relu)]:
    params = [p.clone().requires_grad_() for p in (w1, b1, w2, b2)]
    xi = x.clone().requires_grad_()
    d = torch.nn.functional.linear(act(torch.nn.functional.linear(xi, params[0], params[1])), params[2], params[3])
    (gx,) = torch.autograd.grad(d, xi, torch.ones_like(d), create_graph=True)
    penalty = ((gx.norm(2, dim=1) - 1) ** 2).mean()
    penalty.backward()
    out[name] = {
        "d": fixtures.t(d),
        "grad_x": fixtures.t(gx),
        "penalty": fixtures.t(penalty),
        "grad_w1": fixtures.t(params[0].grad),
        "grad_b1": fixtures.t(params[1].grad),
        "grad_w2": fixtures.t(params[2].grad),
        "grad_b2_is_none": params[3].grad is None,  # b2 does not move dD/dx
    }
fixtures.save("gradient_penalty", out)
