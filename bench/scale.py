"""Scale benchmark: every stage of the pipeline on synthetic sets of 1x, 4x and 8x a base size (8x: the 2020 set), in one run.

For each size it writes a synthetic set (`make_synthetic`), then times the work of each stage as the stage notebooks
do it: check (tables + every image decoded), prepare, eda (summary, figures, image sizes), folds (split, leak
check, summary, figure), train (a tiny model, 1 epoch, 2 folds, 32 px) and predict (fold models on the
out-of-fold, hold-out and test images, flip TTA). Prints seconds per stage and size, and the growth exponent of
each stage (slope of log seconds against log images: 1.0 is linear), ending with
`worst growth exponent: X.XX (stage)`. Goal: <= 1.10 everywhere.

    python bench/scale.py [--patients 250] [--factors 1 4 8] [--size 64]   # 8x 250 patients: about the 2020 set
"""
import argparse, shutil, tempfile, time
from pathlib import Path

import numpy as np
import torch

from melanoma_nb.core import run_file, write_csv
from melanoma_nb.data import check_data
from melanoma_nb.eda import image_sizes, plot_images_per_patient, plot_meta_by_target, plot_target_balance, summary_table
from melanoma_nb.folds import check_leaks, fold_summary, make_folds, plot_folds
from melanoma_nb.loop import TrainConfig, train_folds
from melanoma_nb.predict import predict_run
from melanoma_nb.prepare import load_prepared, prepare_data
from melanoma_nb.synth import make_synthetic


def timed(fn):
    t0 = time.perf_counter(); fn(); return time.perf_counter() - t0


def stages(work: Path, patients: int, size: int) -> dict:
    "Seconds of each stage on a synthetic set of `patients` training patients (and the images it has)."
    import matplotlib.pyplot as plt
    data, run = work/'data', work/'runs'/'scale'
    t = {'synth': timed(lambda: make_synthetic(data, patients=patients, size=size, prevalence=0.05, seed=0, progress=False))}
    t['check'] = timed(lambda: check_data(data, progress=False))
    t['prepare'] = timed(lambda: prepare_data(run, data_dir=str(data), check_images=True, progress=False))
    train, test, _ = load_prepared(run)
    def eda():
        summary_table({'train': train, 'test': test}); image_sizes(train, progress=False)
        for fig in (plot_target_balance(train, 'x'), plot_images_per_patient({'train': train, 'test': test}, 'x'), plot_meta_by_target(train, 'x')):
            plt.close(fig)
    t['eda'] = timed(eda)
    def folds():
        f = make_folds(train, n_folds=2, holdout=0.15, seed=0); check_leaks(f); fold_summary(f)
        plt.close(plot_folds(f, 'x')); write_csv(f, run_file(run, 'folds'))
    t['folds'] = timed(folds)
    cfg = TrainConfig(image_size=32, epochs=1, batch_size=64)
    t['train'] = timed(lambda: train_folds(run, cfg, log=lambda *a: None, progress=False))
    t['predict'] = timed(lambda: predict_run(run, tta='flip', batch_size=128, progress=False, log=lambda *a: None))
    return t, len(train) + len(test)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--patients', type=int, default=250, help='training patients of the 1x set (16 images each on average, plus a third as many test patients)')
    p.add_argument('--factors', type=int, nargs='+', default=[1, 4, 8]); p.add_argument('--size', type=int, default=64)
    a = p.parse_args()
    rows = {}
    for f in a.factors:
        work = Path(tempfile.mkdtemp(prefix='scale_bench_'))
        try: rows[f] = stages(work, a.patients*f, a.size)
        finally: shutil.rmtree(work)
        print(f'{f:>3}x: {rows[f][1]:,} images ' + ' '.join(f'{k} {v:.1f}s' for k, v in rows[f][0].items()), flush=True)
    n = np.log([rows[f][1] for f in a.factors])
    names = list(rows[a.factors[0]][0])
    print(f'\n{"stage":<8} ' + ' '.join(f'{f"{rows[f][1]:,} img":>12}' for f in a.factors) + '   exponent')
    slopes = {}
    for k in names:
        secs = np.array([rows[f][0][k] for f in a.factors])
        slopes[k] = np.polyfit(n, np.log(secs), 1)[0]
        print(f'{k:<8} ' + ' '.join(f'{s:>11.1f}s' for s in secs) + f'   {slopes[k]:8.2f}')
    worst = max(slopes, key=slopes.get)
    print(f'{torch.get_num_threads()} torch threads; exponent = slope of log seconds against log images (1.00 is linear)')
    print(f'worst growth exponent: {slopes[worst]:.2f} ({worst})')
