"""Optimizers with two parameter groups, and every LR scheduler on two groups, in torch 1.13.

optimizers.<case>: the two parameters' starting values, the gradients fed at each step, and the parameters
after each of 5 steps. schedulers.<case>: each group's lr (and momentum / beta1 for OneCycleLR) right after
construction and after each step. Read by dev.myelin.optim.GroupsAndSchedulersFixtureTest.
"""
import math

import torch
from torch.optim import SGD, Adam, AdamW, RMSprop, Adagrad
from torch.optim import lr_scheduler as S

import fixtures

STEPS = 5
EPOCHS = 25


def params():
    g = torch.Generator().manual_seed(3)
    a = torch.randn(2, 3, generator=g).requires_grad_()
    b = torch.randn(4, generator=g).requires_grad_()
    return a, b


def grads():
    g = torch.Generator().manual_seed(4)
    return [(torch.randn(2, 3, generator=g), torch.randn(4, generator=g)) for _ in range(STEPS)]


OPTIMIZERS = {
    "sgd": lambda a, b: SGD([{"params": [a]},
                             {"params": [b], "lr": 0.05, "weight_decay": 0.1, "momentum": 0.5, "dampening": 0.1}],
                            lr=0.1, momentum=0.9),
    "sgd_nesterov": lambda a, b: SGD([{"params": [a], "nesterov": True}, {"params": [b], "lr": 0.2}],
                                     lr=0.1, momentum=0.9, weight_decay=0.01),
    "adam": lambda a, b: Adam([{"params": [a]},
                               {"params": [b], "lr": 0.01, "betas": (0.8, 0.99), "weight_decay": 0.1, "amsgrad": True}],
                              lr=0.1),
    "adamw": lambda a, b: AdamW([{"params": [a], "weight_decay": 0.5}, {"params": [b], "lr": 0.02, "betas": (0.85, 0.95)}],
                                lr=0.1),
    "rmsprop": lambda a, b: RMSprop([{"params": [a]}, {"params": [b], "lr": 0.005, "momentum": 0.5, "centered": True}],
                                    lr=0.01),
    # torch fills every accumulator from the constructor's initial_accumulator_value (a group's own is ignored),
    # so the groups here differ in lr_decay and eps only
    "adagrad": lambda a, b: Adagrad([{"params": [a]}, {"params": [b], "lr_decay": 0.1, "eps": 1e-3}],
                                    lr=0.1, initial_accumulator_value=0.2),
}


def run_optimizer(make):
    a, b = params()
    start = [fixtures.t(a), fixtures.t(b)]
    opt = make(a, b)
    gs = grads()
    steps = []
    for ga, gb in gs:
        a.grad, b.grad = ga.clone(), gb.clone()
        opt.step()
        steps.append([fixtures.t(a), fixtures.t(b)])
    return {"start": start, "grads": [[fixtures.t(ga), fixtures.t(gb)] for ga, gb in gs], "steps": steps}


def two_groups(kind="sgd"):
    a, b = params()
    if kind == "adam":
        return Adam([{"params": [a]}, {"params": [b], "lr": 0.002, "betas": (0.9, 0.98)}], lr=0.01)
    return SGD([{"params": [a]}, {"params": [b], "lr": 0.02}], lr=0.1, momentum=0.9)


PLATEAU_METRICS = [1.0, 0.9, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85, 0.85, 0.7] + [0.75] * 15


def run_schedule(make, kind="sgd", manual=None, metrics=None, momentum=None):
    """make(opt) returns the schedulers to step each epoch, in order; manual = {step: lr of group 0}."""
    opt = two_groups(kind)
    scheds = make(opt)
    lrs = [[g["lr"] for g in opt.param_groups]]
    moms = [[momentum(g) for g in opt.param_groups]] if momentum else None
    for epoch in range(1, EPOCHS + 1):
        opt.step()  # no gradients: nothing changes, but torch wants optimizer.step() before scheduler.step()
        for s in scheds:
            if metrics is not None:
                s.step(metrics[epoch - 1])
            else:
                s.step()
        if manual and epoch in manual:
            opt.param_groups[0]["lr"] = manual[epoch]
        lrs.append([g["lr"] for g in opt.param_groups])
        if momentum:
            moms.append([momentum(g) for g in opt.param_groups])
    out = {"lr": lrs}
    if momentum:
        out["momentum"] = moms
    return out


SCHEDULERS = {
    "step": lambda: run_schedule(lambda o: [S.StepLR(o, step_size=3, gamma=0.5)]),
    "multistep": lambda: run_schedule(lambda o: [S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.3)]),
    "exponential": lambda: run_schedule(lambda o: [S.ExponentialLR(o, gamma=0.9)]),
    "cosine": lambda: run_schedule(lambda o: [S.CosineAnnealingLR(o, T_max=6, eta_min=0.001)]),
    "cosine_eta0": lambda: run_schedule(lambda o: [S.CosineAnnealingLR(o, T_max=5)]),
    "linear": lambda: run_schedule(lambda o: [S.LinearLR(o)]),
    "linear_decay": lambda: run_schedule(lambda o: [S.LinearLR(o, start_factor=0.5, end_factor=0.2, total_iters=8)]),
    "lambda": lambda: run_schedule(lambda o: [S.LambdaLR(o, [lambda e: 0.95 ** e, lambda e: 1.0 / (1 + e)])]),
    "warm_restarts": lambda: run_schedule(lambda o: [S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.001)]),
    "warm_restarts_tmult1": lambda: run_schedule(lambda o: [S.CosineAnnealingWarmRestarts(o, T_0=4)]),
    "chained_step_exponential": lambda: run_schedule(lambda o: [S.StepLR(o, step_size=3, gamma=0.5), S.ExponentialLR(o, gamma=0.9)]),
    "manual_exponential": lambda: run_schedule(lambda o: [S.ExponentialLR(o, gamma=0.9)], manual={5: 0.5}),
    "manual_cosine": lambda: run_schedule(lambda o: [S.CosineAnnealingLR(o, T_max=10, eta_min=0.001)], manual={4: 0.05}),
    "manual_step": lambda: run_schedule(lambda o: [S.StepLR(o, step_size=4, gamma=0.5)], manual={6: 0.3}),
    "sequential_linear_cosine": lambda: run_schedule(lambda o: [S.SequentialLR(
        o, [S.LinearLR(o, start_factor=0.1, total_iters=5), S.CosineAnnealingLR(o, T_max=15, eta_min=1e-4)], milestones=[5])]),
    "sequential_three": lambda: run_schedule(lambda o: [S.SequentialLR(
        o, [S.ExponentialLR(o, gamma=0.8), S.StepLR(o, step_size=2, gamma=0.5), S.LinearLR(o, start_factor=0.25, total_iters=4)],
        milestones=[4, 12])]),
    "onecycle_sgd": lambda: run_schedule(lambda o: [S.OneCycleLR(o, max_lr=[0.5, 0.1], total_steps=EPOCHS)],
                                         momentum=lambda g: g["momentum"]),
    "onecycle_adam_linear_three_phase": lambda: run_schedule(
        lambda o: [S.OneCycleLR(o, max_lr=0.01, epochs=13, steps_per_epoch=2, pct_start=0.25, anneal_strategy="linear",
                                three_phase=True, div_factor=10.0, final_div_factor=100.0, base_momentum=0.8, max_momentum=0.9)],
        kind="adam", momentum=lambda g: g["betas"][0]),
    "plateau": lambda: run_schedule(lambda o: [S.ReduceLROnPlateau(o, factor=0.5, patience=1, min_lr=[0.01, 0.001])],
                                    metrics=PLATEAU_METRICS),
}

if __name__ == "__main__":
    fixtures.save("optim_groups_schedulers", {
        "steps": STEPS,
        "epochs": EPOCHS,
        "plateau_metrics": PLATEAU_METRICS,
        "optimizers": {name: run_optimizer(make) for name, make in OPTIMIZERS.items()},
        "schedulers": {name: run() for name, run in SCHEDULERS.items()},
    })
