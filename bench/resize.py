"""Resize benchmark: `melanoma resize` against the naive single-process loop, on the same files, in one run.

Generates (once, cached in bench/_data/) photo-like JPEGs at 6000x4000 and 1024x1024, then for each set times
  naive:    for p in files: Image.open(p).convert('RGB').resize((256, 256)).save(q)
  melanoma: resize_folder(src, dst, size=256)  (Image.draft + Lanczos, processes over all cores)
Both write their JPEGs. Prints images/s of each and `resize speedup: X.Xx` per set.

    python bench/resize.py [--big 100] [--medium 200] [--workers N]
"""
import argparse, shutil, tempfile, time
from pathlib import Path

import numpy as np
from PIL import Image

from melanoma_nb.core import default_workers
from melanoma_nb.resize import resize_folder

DATA = Path(__file__).parent/'_data'


def photo(seed, w, h):
    "A dermoscopy-like photo: a synthetic lesion drawn at 1/8 scale, upscaled, with sensor grain (real JPEG entropy)."
    from melanoma_nb.synth import render_image   # here, not at the top: the resize workers re-import this script
    rng = np.random.default_rng(seed)
    spec = dict(size=max(w, h)//8, seed=seed, skin=rng.uniform(0, 3), light=1.0, vignette=0.5, hair=1.0, hue=0.0,
                palette=0, asymmetry=0.1, border=0.04, colour=0.4, diameter=0.3)
    small = Image.fromarray(render_image(spec)).resize((w, h), Image.BICUBIC)
    grain = rng.normal(0, 2, (h, w, 1)).astype(np.float32)
    return Image.fromarray(np.clip(np.asarray(small, np.float32) + grain, 0, 255).astype(np.uint8))


def make_set(name, n, w, h):
    folder = DATA/name
    have = sorted(folder.glob('*.jpg')) if folder.exists() else []
    if len(have) >= n: return folder
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(len(have), n): photo(i, w, h).save(folder/f'IMG_{i:04d}.jpg', quality=92)
    return folder


def naive(src, dst):
    dst.mkdir(parents=True, exist_ok=True)
    for p in sorted(src.glob('*.jpg')): Image.open(p).convert('RGB').resize((256, 256)).save(dst/p.name)


def bench(name, n, w, h, workers):
    src = make_set(name, n, w, h)
    n = len(list(src.glob('*.jpg')))
    out = Path(tempfile.mkdtemp(prefix='resize_bench_'))
    try:
        t0 = time.perf_counter(); naive(src, out/'naive'); t_naive = time.perf_counter() - t0
        t0 = time.perf_counter(); res = resize_folder(src, out/'ours', size=256, workers=workers, progress=False)
        t_ours = time.perf_counter() - t0
        assert res.count('done') == n, res
    finally: shutil.rmtree(out)
    mb = sum(p.stat().st_size for p in src.glob('*.jpg'))/n/1e6
    print(f'{name}: {n} JPEGs {w}x{h} ({mb:.1f} MB each), {workers} workers')
    print(f'  naive single process: {n/t_naive:6.1f} images/s')
    print(f'  melanoma resize:      {n/t_ours:6.1f} images/s')
    print(f'  resize speedup: {t_naive/t_ours:.1f}x')


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--big', type=int, default=100, help='6000x4000 images')
    p.add_argument('--medium', type=int, default=200, help='1024x1024 images')
    p.add_argument('--workers', type=int, default=default_workers(), help='processes for melanoma resize')
    a = p.parse_args()
    bench('6000x4000', a.big, 6000, 4000, a.workers)
    bench('1024x1024', a.medium, 1024, 1024, a.workers)
