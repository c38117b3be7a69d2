"""Shared helpers for the reference scripts in this folder.

Each script computes values with PyTorch 1.13 / scikit-learn 1.2 (Debian's python3-torch,
python3-sklearn) and writes them as JSON to ../resources/fixtures/<name>.json, which the Java tests
read through dev.myelin.testing.Fixtures. Tests never run Python; run a script by hand
(`python3 myelin-core/src/test/python/<script>.py`) and commit its output when the reference changes.
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")


def t(x):
    """A tensor as {"shape": [...], "data": [...]} (row-major, float values as Python floats)."""
    x = x.detach().to(torch.float64).contiguous()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def save(name, values):
    """Writes values (a dict) to fixtures/<name>.json with a note saying which script made it."""
    os.makedirs(OUT, exist_ok=True)
    values = dict(values)
    values["_generated_by"] = "myelin-core/src/test/python/" + name + ".py, torch " + torch.__version__
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(values, f, indent=1, sort_keys=True)
        f.write("\n")
