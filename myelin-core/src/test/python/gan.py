"""Reference values for the GAN steps (torch 1.13): WGAN-GP's gradient penalty and critic loss on tiny fixed critics.

An MLP critic Linear(3, 5) -> LeakyReLU(0.2) -> Linear(5, 1) and a conv critic Conv2d(1, 2, 3) -> LeakyReLU(0.2) ->
Flatten -> Linear(2*2*2, 1) on 4x4 images; real and fake samples and alpha fixed. penalty = mean_i (||grad_x D(x_hat_i)||_2 - 1)^2
at x_hat = alpha*real + (1-alpha)*fake (torch.autograd.grad with create_graph=True, the norm over all of a sample's
features), critic_loss = mean D(fake) - mean D(real) + 10*penalty, and the gradients of both with respect to every
critic parameter (state-dict names).
"""
import torch

import fixtures

torch.manual_seed(3)


def case(critic, shape):
    real = torch.randn(*shape)
    fake = torch.randn(*shape) * 0.5 + 0.3
    alpha = torch.rand(shape[0], *([1] * (len(shape) - 1)))
    x = (alpha * real + (1 - alpha) * fake).requires_grad_()
    out = critic(x)
    (g,) = torch.autograd.grad(out, x, torch.ones_like(out), create_graph=True)
    penalty = ((g.reshape(shape[0], -1).norm(2, dim=1) - 1) ** 2).mean()
    params = dict(critic.named_parameters())
    pg = torch.autograd.grad(penalty, list(params.values()), allow_unused=True, retain_graph=True)
    loss = critic(fake).mean() - critic(real).mean() + 10 * penalty
    lg = torch.autograd.grad(loss, list(params.values()))
    return {
        "state": {k: fixtures.t(v) for k, v in critic.state_dict().items()},
        "real": fixtures.t(real), "fake": fixtures.t(fake), "alpha": fixtures.t(alpha),
        "penalty": fixtures.t(penalty), "critic_loss": fixtures.t(loss),
        "penalty_grad": {k: (fixtures.t(v) if v is not None else None) for k, v in zip(params, pg)},
        "critic_loss_grad": {k: fixtures.t(v) for k, v in zip(params, lg)},
    }


mlp = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.LeakyReLU(0.2), torch.nn.Linear(5, 1))
conv = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.LeakyReLU(0.2), torch.nn.Flatten(), torch.nn.Linear(8, 1))
fixtures.save("gan", {"mlp": case(mlp, (4, 3)), "conv": case(conv, (3, 1, 4, 4))})
