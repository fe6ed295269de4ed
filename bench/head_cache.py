"""Head-only fine-tuning benchmark: the head trained on cached backbone features against the same training with the
frozen backbone run on every batch (what the seed did), same model, same epochs, same views, in one run.

Builds once (cached in bench/_data/head_cache/) a synthetic trained run: `melanoma synth`-style data (default 300
patients x 5 images = ~1,500 images at 96 px, 10% melanoma), 5 patient folds and a 15% hold-out, fold 0 trained for
1 epoch (tf_efficientnet_lite0 with its ImageNet weights). Then, from fold 0's trained head, for `--epochs` epochs:
  cached:  finetune.extract_features once (training images: plain + `--views` augmentation draws; validation and
           hold-out images: the TTA views), then finetune.train_head on CachedViews (float16 features)
  frozen:  finetune.train_head on LiveViews: the same views, the frozen backbone run on every batch of every epoch
Both validate after each epoch and score the hold-out (TTA views averaged). The ratio `head-only speedup` is frozen
time / cached head-training time, the one-off feature extraction excluded (it is printed, and a second ratio
includes it). For reference it also times the train loop itself with `freeze_backbone` (loop.train_fold).

    python bench/head_cache.py [--patients 300] [--size 96] [--epochs 5] [--views 4] [--tta flip]
"""
import argparse, os, shutil, tempfile, time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

from melanoma_nb.core import run_file, write_csv
from melanoma_nb.augment import make_augment
from melanoma_nb.evaluate import roc_auc
from melanoma_nb.finetune import (CachedViews, LiveViews, cached_array, eval_views, extract_features, head_probs,
                                  train_head, train_views)
from melanoma_nb.folds import HOLDOUT, make_folds
from melanoma_nb.loop import TrainConfig, load_train_data, train_fold, train_folds
from melanoma_nb.model import amp_dtype, load_checkpoint
from melanoma_nb.prepare import load_prepared, prepare_data

DATA = Path(__file__).parent/'_data'/'head_cache'


def trained_run(patients, per_patient, size, arch, pretrained, seed=42):
    "A prepared synthetic run with folds and fold 0 trained for one epoch (reused when already there)."
    run = DATA/f'{patients}x{per_patient}_{size}px_{arch}'
    if (run/'train'/'fold0'/'done.json').exists(): return run
    shutil.rmtree(run, ignore_errors=True)
    prepare_data(run, patients=patients, images_per_patient=per_patient, image_size=size, prevalence=0.1, seed=seed, progress=False)
    write_csv(make_folds(load_prepared(run)[0], n_folds=5, holdout=0.15, seed=seed), run_file(run, 'folds'))
    cfg = TrainConfig(arch=arch, pretrained=pretrained, image_size=size, epochs=1, batch_size=32, lr=1e-3, seed=seed)
    train_folds(run, cfg, folds=[0], log=lambda *a: None, progress=False)
    return run


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--patients', type=int, default=300); p.add_argument('--per-patient', type=float, default=5.0)
    p.add_argument('--size', type=int, default=96); p.add_argument('--arch', default='tf_efficientnet_lite0')
    p.add_argument('--pretrained', default='efficientnet_lite0')
    p.add_argument('--epochs', type=int, default=5); p.add_argument('--views', type=int, default=4)
    p.add_argument('--tta', default='flip'); p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--batch', type=int, default=64); p.add_argument('--no-reference', action='store_true')
    a = p.parse_args()
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    run = trained_run(a.patients, a.per_patient, a.size, a.arch, a.pretrained)
    setup = time.perf_counter() - t0
    model, info = load_checkpoint(run/'train'/'fold0'/'best.pth')
    cfg = replace(TrainConfig(**{k: v for k, v in info['config'].items() if k in TrainConfig.__dataclass_fields__}),
                  lr=a.lr, epochs=a.epochs, freeze_backbone=True)
    data = load_train_data(run, cfg, progress=False, log=lambda *a: None)
    folds, pos = data.folds, data.positives.astype(np.float32)
    rows = dict(train=np.flatnonzero((folds != 0) & (folds != HOLDOUT)), val=np.flatnonzero(folds == 0), holdout=np.flatnonzero(folds == HOLDOUT))
    views = dict(train=train_views(a.views), val=eval_views(a.tta), holdout=eval_views(a.tta))
    aug, amp = make_augment(cfg.augment, cfg.image_size, cfg.hair), amp_dtype(cfg.amp, 'cpu', model)
    model.eval().freeze_backbone()
    start = {k: v.clone() for k, v in model.state_dict().items()}
    seed = cfg.seed
    n_images = sum(len(r) for r in rows.values())
    print(f'{run.name}: {len(data.table):,} images ({n_images:,} used: {len(rows["train"]):,} training, {len(rows["val"]):,} validation, '
          f'{len(rows["holdout"]):,} hold-out; {int(pos[rows["holdout"]].sum())} hold-out melanomas), {torch.get_num_threads()} threads'
          + (f'; run built in {setup:.0f} s' if setup > 5 else '; trained run reused'))
    print(f'{cfg.arch} ({info.get("pretrained") or "from scratch"}) at {cfg.image_size} px, fold 0 trained 1 epoch; head-only: {a.epochs} epochs, '
          f'lr {a.lr:g}, batch {a.batch}; training views {len(views["train"])} (plain + {a.views} {cfg.augment} draws), '
          f'validation/hold-out views {len(views["val"])} (TTA {a.tta})')

    # cached: extract once, then train the head on the features
    tmp = Path(tempfile.mkdtemp(prefix='head_cache_'))
    try:
        t0 = time.perf_counter()
        feats = {}
        for name in rows:
            fill = lambda o, name=name: extract_features(model, data.images, rows[name], views[name], aug, seed, a.batch, 'cpu', amp,
                                                         out=o, progress=False)
            feats[name], _ = cached_array(tmp/f'{name}.npy', dict(set=name), (len(views[name]), len(rows[name]), model.num_features), fill, 'float16')
        t_extract = time.perf_counter() - t0
        model.load_state_dict(start)
        t0 = time.perf_counter()
        src = {name: CachedViews(f) for name, f in feats.items()}
        log_c = train_head(model, src['train'], data.targets[rows['train']], None, src['val'], None, pos[rows['val']], cfg, a.batch, seed, progress=False)
        p_cached = head_probs(model, src['holdout'])
        t_cached = time.perf_counter() - t0
    finally: shutil.rmtree(tmp)

    # frozen backbone every epoch: the same training, features computed at each batch
    model.load_state_dict(start)
    t0 = time.perf_counter()
    live = {name: LiveViews(model, data.images, rows[name], views[name], aug, seed, amp) for name in rows}
    log_l = train_head(model, live['train'], data.targets[rows['train']], None, live['val'], None, pos[rows['val']], cfg, a.batch, seed, progress=False)
    p_live = head_probs(model, live['holdout'], batch_size=a.batch)
    t_live = time.perf_counter() - t0

    model.load_state_dict(start)
    y_ho = pos[rows['holdout']]
    n_extract = sum(len(rows[n])*len(views[n]) for n in rows)
    n_live = a.epochs*(len(rows['train']) + len(rows['val'])*len(views['val'])) + len(rows['holdout'])*len(views['holdout'])
    p_trained = head_probs(model, src['holdout'])
    print(f'hold-out AUC as trained (1 epoch): {roc_auc(y_ho, p_trained):.4f}')
    print(f'feature extraction, once ({n_extract:,} image views, {n_extract/t_extract:.0f}/s): {t_extract:6.2f} s')
    print(f'cached features, {a.epochs} epochs of head training (+ validation each epoch, hold-out): {t_cached:6.2f} s, '
          f'val AUC {log_c["val_auc"].iloc[-1]:.4f}, hold-out AUC {roc_auc(y_ho, p_cached):.4f}')
    print(f'frozen backbone every epoch, {a.epochs} epochs ({n_live:,} image views, {n_live/t_live:.0f}/s):       {t_live:6.2f} s, '
          f'val AUC {log_l["val_auc"].iloc[-1]:.4f}, hold-out AUC {roc_auc(y_ho, p_live):.4f}')
    print(f'hold-out AUC difference (cached - frozen): {roc_auc(y_ho, p_cached) - roc_auc(y_ho, p_live):+.4f}; '
          f'max probability difference {np.abs(p_cached - p_live).max():.1e} (float16 features)')
    if not a.no_reference:   # the train loop with freeze_backbone: fresh head, its own augmentation stream, checkpoints
        out = Path(tempfile.mkdtemp(prefix='head_cache_loop_'))
        try:
            ref = replace(cfg, pretrained=str(run/'train'/'fold0'/'best.pth'), val_tta=a.tta, batch_size=a.batch)
            t0 = time.perf_counter()
            s = train_fold(ref, data, 0, out, log=lambda *a: None, progress=False)
            t_loop = time.perf_counter() - t0
        finally: shutil.rmtree(out)
        n_loop = a.epochs*(len(rows['train']) + len(rows['val'])*len(views['val']))
        print(f'for reference, loop.train_fold with freeze_backbone, {a.epochs} epochs (new head, TTA {a.tta} validation; '
              f'{n_loop:,} image views, {n_loop/t_loop:.0f}/s): {t_loop:6.2f} s, best val AUC {s["best_val_auc"]:.4f}')
        print(f'  (head training on cached features vs this loop: {t_loop/t_cached:.1f}x)')
    print(f'load average (1 min) at the start {load0:.2f}, at the end {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores: '
          'the backbone phases ran at different times, so image views/s above should agree on a quiet machine')
    print(f'head-only speedup including the one-off feature extraction: {t_live/(t_extract + t_cached):.1f}x')
    print(f'head-only speedup: {t_live/t_cached:.1f}x')
