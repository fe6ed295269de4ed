"""ISIC 2024 benchmark: the synthetic SLICE-3D set and the `tabular` recipe's stacker at the real set's size, in one run.

Draws the synthetic 2024 table (`synth_table_2024`: 1,042 patients, about 401,059 crops with the 34 lesion features,
as `melanoma synth --layout isic2024 --patients 1042` writes it before its crops) and times:
- `melanoma synth --layout isic2024 --patients 1042 --size 64-64` itself (`make_synthetic_2024`, all cores; its
  default test split of 260 patients included), once: crops written per second (goal: the 401,059-row set in 3 min),
- reading 4,000 of its crops back as RGB images from an hdf5 file (`read_crops`, one open file) against the same bytes
  as JPEG files (PIL), best of `--repeats`: the ratio of images per second (goal >= 0.9),
- at 50k, 100k, 200k and 401,059 rows (the same patients, fewer lesions each; best of `--repeats`) the stacker's
  features of the `tabular` recipe (meta, tabular with the engineered lesion features, tabular_patient: z within the
  patient and within patient and site), grouped by fold and patient as the stack stage builds them,
- the 5-fold LightGBM stacker on them (`fit_stacker` + `predict_stacker` per fold; once, at 50k and 401,059 rows),
and prints `growth exponent: X.XX (part)` = log(t_401k / t_50k) / log(401,059 / 50,000): 1.00 is linear (goal <= 1.10).

    python bench/isic2024.py [--repeats 3] [--n_jobs 1] [--workers N]
"""
import argparse, shutil, tempfile, time
from pathlib import Path

import numpy as np
import pandas as pd

from melanoma_nb.core import FOLD, PATIENT, SITE, TARGET
from melanoma_nb.data import ISIC2024_TEST_COLUMNS, ISIC_ID, SITE_2024, crop_bytes, read_crops, write_crop
from melanoma_nb.stack import stack_features, tabular_columns
from melanoma_nb.synth import make_synthetic_2024, synth_patients_2024, synth_table_2024
from stack import FOLDS, PATIENTS, PREVALENCE, ROWS, SIZES, best, report_growth, stack_and_report   # bench/stack.py

GROUPS = ['meta', 'tabular', 'tabular_patient']   # the tabular recipe: no image model


def full_table(seed=0):
    "ROWS synthetic crops' rows of PATIENTS patients (drawn a little over, then sampled down), folds by patient."
    rng = np.random.default_rng(seed)
    df = synth_table_2024(synth_patients_2024(PATIENTS, 260, rng), PREVALENCE, rng)   # median 260: about 430k rows
    if len(df) < ROWS: raise SystemExit(f'drew {len(df):,} rows, fewer than {ROWS:,}: raise the crops per patient')
    df = df.sample(n=ROWS, random_state=seed).rename(columns={SITE_2024: SITE}).reset_index(drop=True)
    fold_of = dict(zip(df[PATIENT].unique(), rng.permutation(df[PATIENT].nunique()) % FOLDS))
    return df.assign(**{FOLD: df[PATIENT].map(fold_of)})


def read_back(crops, repeats):
    "Images per second reading `crops` (JPEG bytes) as RGB from one hdf5 file and from JPEG files: (hdf5, files)."
    import h5py
    from PIL import Image
    d = Path(tempfile.mkdtemp()); names = [f'ISIC_{i:07d}' for i in range(len(crops))]
    with h5py.File(d/'crops.hdf5', 'w') as f:
        for n, c in zip(names, crops): write_crop(f, n, c)
    for n, c in zip(names, crops): (d/f'{n}.jpg').write_bytes(c)
    def from_h5(): return [np.asarray(im) for im in read_crops(d/'crops.hdf5', names)]
    def from_files():
        out = []
        for n in names:
            with Image.open(d/f'{n}.jpg') as im: out.append(np.asarray(im.convert('RGB')))
        return out
    t_h5, a = best(from_h5, repeats); t_files, b = best(from_files, repeats)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))   # the same pixels
    return len(crops)/t_h5, len(crops)/t_files


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--repeats', type=int, default=3); ap.add_argument('--n_jobs', type=int, default=1)
    ap.add_argument('--workers', type=int, default=None, help='processes for the crops (default: all cores)')
    a = ap.parse_args()
    t_all = time.perf_counter()
    t_table, full = best(full_table, 1)
    print(f'synthetic table: {len(full):,} rows, {full[PATIENT].nunique():,} patients, {int(full[TARGET].sum())} melanomas '
          f'in {t_table:.1f} s', flush=True)
    out = Path(tempfile.mkdtemp())/'isic2024'
    try:
        t_synth, _ = best(lambda: make_synthetic_2024(out, patients=PATIENTS, size=64, workers=a.workers, progress=False), 1)
        n = {s: len(pd.read_csv(out/f'{s}-metadata.csv', usecols=[ISIC_ID])) for s in ('train', 'test')}
        crops = list(crop_bytes(out/'train-image.hdf5', pd.read_csv(out/'train-metadata.csv', usecols=[ISIC_ID])[ISIC_ID][:4000]))
    finally: shutil.rmtree(out.parent)
    print(f"melanoma synth --layout isic2024 --patients {PATIENTS} --size 64-64: {n['train']:,} train + {n['test']:,} test crops "
          f"in {t_synth:.0f} s ({sum(n.values())/t_synth:,.0f} crops/s; {ROWS:,} at that rate: {ROWS/sum(n.values())*t_synth:.0f} s; goal 180 s), "
          f'{sum(map(len, crops))/len(crops)/1024:.1f} KiB each', flush=True)
    h5_rate, file_rate = read_back(crops, a.repeats)
    print(f'reading crops back: hdf5 {h5_rate:,.0f} images/s, JPEG files {file_rate:,.0f} images/s: ratio {h5_rate/file_rate:.2f} '
          '(hdf5 / files; goal >= 0.9)', flush=True)
    cols = [c for c in tabular_columns(full) if c in ISIC2024_TEST_COLUMNS]   # the Kaggle files' columns (not the renderer's)
    sites = sorted(full[SITE].dropna().unique())
    times = {'stacker features': {}, '5-fold stacker': {}}
    for n in SIZES:
        df = full if n == ROWS else full.sample(n=n, random_state=1).reset_index(drop=True)
        feats = lambda: stack_features(df, None, GROUPS, keys=(FOLD, PATIENT), sites=sites, tabular=cols)
        times['stacker features'][n], (X, _) = best(feats, a.repeats)
        stack_and_report(times, n, df, X, a.n_jobs)
    report_growth(times, t_all, a.repeats)
