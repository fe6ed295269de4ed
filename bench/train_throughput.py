"""Training input pipeline benchmark: an epoch through the real pipeline against the pure model step, in one run.

Same model, image size and batch. The pipeline: images decoded once into the cache (`cache_images`), the
`MelanomaDataset` with the augmentation preset and per-item seeding, the positive-upsampling sampler, the DataLoader
(`--workers` processes), uint8 to the model, forward, loss, backward, optimiser step. The pure step: the same
forward/backward/step on a batch of ready uint8 tensors. Prints images/s of both and
`input pipeline efficiency: 0.NN` (pipeline / pure; goal >= 0.90 at 128 px with the light preset).

    python bench/train_throughput.py [--arch tf_efficientnet_lite0] [--size 128] [--augment light] [--workers 1]
"""
import argparse, shutil, tempfile, time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from melanoma_nb.augment import make_augment
from melanoma_nb.dataset import MelanomaDataset, UpsampleSampler, cache_images, make_loader
from melanoma_nb.model import create_model
from melanoma_nb.synth import make_synthetic


def step(model, opt, x, y):
    loss = F.binary_cross_entropy_with_logits(model(x)[:, 0], y)
    loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)


def pure(model, opt, batch, size, n_batches):
    x = torch.randint(0, 256, (batch, 3, size, size), dtype=torch.uint8).contiguous(memory_format=torch.channels_last)
    y = (torch.rand(batch) < 0.1).float()
    step(model, opt, x, y)
    t0 = time.perf_counter()
    for _ in range(n_batches): step(model, opt, x, y)
    return n_batches*batch/(time.perf_counter() - t0)


def pipeline(model, opt, loader, n_batches):
    it = iter(loader); b = next(it)
    step(model, opt, b['image'].contiguous(memory_format=torch.channels_last), b['target'])
    t0, seen = time.perf_counter(), 0
    for _ in range(n_batches):
        b = next(it)
        step(model, opt, b['image'].contiguous(memory_format=torch.channels_last), b['target']); seen += len(b['image'])
    return seen/(time.perf_counter() - t0)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--arch', default='tf_efficientnet_lite0'); p.add_argument('--size', type=int, default=128)
    p.add_argument('--batch', type=int, default=32); p.add_argument('--batches', type=int, default=15)
    p.add_argument('--augment', default='light'); p.add_argument('--workers', type=int, default=1)
    a = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix='throughput_bench_'))
    try:
        data = make_synthetic(work/'synth', patients=40, images_per_patient=16, size=a.size, prevalence=0.1, test_patients=0, progress=False)
        paths = sorted(str(f) for f in (data/'jpeg'/'train').glob('*.jpg'))
        images = cache_images(paths, a.size, cache_file=work/'cache.npy', progress=False)
        targets = (np.random.default_rng(0).random(len(paths)) < 0.1).astype(np.float32)
        ds = MelanomaDataset(images, None, targets, make_augment(a.augment, a.size), seed=0)
        sampler = UpsampleSampler(targets, 1, seed=0)
        loader = make_loader(ds, a.batch, train=True, workers=a.workers, sampler=sampler, seed=0)
        model = create_model(a.arch, log=None).to(memory_format=torch.channels_last).train()
        opt = torch.optim.AdamW(model.parameters(), 1e-4)
        n = min(a.batches, len(loader) - 1)
        ready = pure(model, opt, a.batch, a.size, n)
        real = pipeline(model, opt, loader, n)
        ready = max(ready, pure(model, opt, a.batch, a.size, n))   # measured before and after: the faster of the two
    finally: shutil.rmtree(work)
    print(f'{a.arch} at {a.size} px, batch {a.batch}, augment {a.augment}, {a.workers} loader worker(s), {torch.get_num_threads()} threads, {n} batches')
    print(f'  pure model step (ready tensors): {ready:7.1f} images/s')
    print(f'  real pipeline:                    {real:7.1f} images/s')
    print(f'input pipeline efficiency: {real/ready:.2f}')
