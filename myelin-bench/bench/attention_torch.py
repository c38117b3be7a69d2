#!/usr/bin/env python3
"""PyTorch twin of dev.myelin.bench.AttentionBench: forward + backward of PyTorch 1.13's composite attention
softmax(q·kᵀ/√d)·v (1.13 has no fused scaled_dot_product_attention) with autograd, q, k, v [8, 4, T, 16].

  attention_torch.py [--lengths 128,512,2048] [--reps N] [--batch N (default 8)]
      prints a header and per T "sdpa_T128<TAB>median ms<TAB>min<TAB>max<TAB>alloc_mb<TAB>saved_mb<TAB>peak_rss_mb<TAB>cpu_ms":
      saved_mb is what autograd keeps for the backward beyond q, k, v (measured with saved-tensor hooks: the
      [B, H, T, T] softmax output), alloc_mb the bytes of the [B, H, T, T] tensors one step creates (the scores,
      the scaled scores, the softmax, and in the backward the gradients of the softmax and of the scores:
      5·B·H·T²·4), peak_rss_mb the process's peak resident size after the runs at this and smaller T, cpu_ms the median
      CPU time of the process (all threads) per forward+backward.
Threads: as the caller's environment sets them (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS)."""
import argparse, math, resource, time

import torch

B, H, E = 8, 4, 16


def attention(q, k, v):
    return torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.size(-1)), dim=-1) @ v


def saved_bytes(q, k, v):
    """Bytes of the distinct storages autograd saves for the backward, other than q, k, v."""
    seen, inputs = {}, {t.storage().data_ptr() for t in (q, k, v)}

    def pack(t):
        ptr = t.storage().data_ptr()
        if ptr not in inputs:
            seen[ptr] = t.storage().nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = attention(q, k, v)
    del out
    return sum(seen.values())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lengths", default="128,512,2048")
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--batch", type=int, default=8)
    a = p.parse_args()
    global B
    B = a.batch
    torch.manual_seed(0)
    print("# PyTorch %s composite attention, B=%d H=%d E=%d, %d threads" % (torch.__version__, B, H, E, torch.get_num_threads()))
    print("name\tms\tmin\tmax\talloc_mb\tsaved_mb\tpeak_rss_mb\tcpu_ms")
    for t in [int(x) for x in a.lengths.split(",")]:
        q, k, v = (torch.randn(B, H, t, E, requires_grad=True) for _ in range(3))
        g = torch.randn(B, H, t, E)

        def step():
            q.grad = k.grad = v.grad = None
            attention(q, k, v).backward(g)
        for _ in range(max(2, 20 * 128 // t)):
            step()
        ms, cpu = [], []
        for _ in range(a.reps):
            c0, t0 = time.process_time(), time.perf_counter()
            step()
            ms.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
        ms.sort()
        cpu.sort()
        saved = saved_bytes(q, k, v)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
        print("sdpa_T%d\t%.2f\t%.2f\t%.2f\t%.1f\t%.2f\t%.0f\t%.2f" % (t, ms[len(ms) // 2], ms[0], ms[-1], 5 * B * H * t * t * 4 / 1e6, saved / 1e6, rss,
                                                             cpu[len(cpu) // 2]))


if __name__ == "__main__":
    main()
