"""TTA benchmark: the eight d4 views of a batch, stacked, against one view of the same batch, in one run.

Times `predict_batch(model, batch, tta='d4')` (the 8 views stacked: one forward of 8 x B images on a GPU, forwards
of B images on a CPU, where the cost per image grows with the batch) and `tta='none'` on the same batch, same
model, eval mode, no gradients; best of several repeats each (the machine is noisy). Prints images/s of both and
`d4 cost: X.Xx one view` (8 views cost 8x the compute; the stacking should not cost more: goal <= 8.5x).

    python bench/tta.py [--arch tf_efficientnet_lite0] [--size 128] [--batch 32] [--repeats 5]
"""
import argparse, time

import torch

from melanoma_nb.model import create_model
from melanoma_nb.model import predict_batch


def best_time(fn, repeats):
    fn()                                                   # warm-up: allocations, kernel choice
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter(); fn(); times.append(time.perf_counter() - t0)
    return min(times)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--arch', default='tf_efficientnet_lite0'); p.add_argument('--size', type=int, default=128)
    p.add_argument('--batch', type=int, default=32); p.add_argument('--repeats', type=int, default=5)
    a = p.parse_args()
    model = create_model(a.arch, log=None).eval().to(memory_format=torch.channels_last)
    x = torch.randint(0, 256, (a.batch, 3, a.size, a.size), dtype=torch.uint8).contiguous(memory_format=torch.channels_last)
    one = best_time(lambda: predict_batch(model, x, tta='none'), a.repeats)
    d4 = best_time(lambda: predict_batch(model, x, tta='d4'), a.repeats)
    print(f'{a.arch} at {a.size} px, batch {a.batch}, {torch.get_num_threads()} threads, best of {a.repeats}')
    print(f'  one view: {a.batch/one:7.1f} images/s')
    print(f'  d4 (8 views stacked):   {a.batch/d4:7.1f} images/s')
    print(f'd4 cost: {d4/one:.1f}x one view')
