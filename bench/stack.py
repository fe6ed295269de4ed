"""Stack-stage benchmark: patient features and a 5-fold stacker on a synthetic table of ISIC 2024's size, in one run.

Builds an in-memory table like SLICE-3D's (401,059 lesions, 1,042 patients, 0.1% melanomas, 40 numeric lesion
columns, 5 body sites, 5 folds by patient) with an image score, then times each part at 50k, 100k, 200k and
401k rows (the same 1,042 patients, more lesions each), best of `--repeats` (the stacker: once, at 50k and 401k):
- patient features (`patient_features` grouped by fold and patient, and by fold, patient and site),
- lesion features (`tabular_features`: 40 columns raw, and z-scored within the patient and within patient and site),
- the 5-fold LightGBM stacker (`fit_stacker` + `predict_stacker` per fold, on all the features above),
and prints `growth exponent: X.XX (part)` = log(t_401k / t_50k) / log(401,059 / 50,000): 1.00 is linear
(goal <= 1.10: grouped, vectorised, no Python loop over patients; the whole bench within 5 minutes on 2 cores).

    python bench/stack.py [--repeats 3] [--n_jobs 1]
"""
import argparse, math, time

import numpy as np
import pandas as pd

from melanoma_nb.core import FOLD, PATIENT, PROB, SITE, TARGET
from melanoma_nb.stack import fit_stacker, patient_features, predict_stacker, stack_features, tabular_features

ROWS, PATIENTS, PREVALENCE, COLUMNS, FOLDS = 401_059, 1_042, 393/401_059, 40, 5
SIZES = (50_000, 100_000, 200_000, ROWS)


def table(n, seed=0):
    "n lesions of 1,042 patients: fold by patient, site, an image score, 40 lesion columns, 0.1% melanomas."
    rng = np.random.default_rng(seed)
    pid = np.sort(rng.integers(0, PATIENTS, n))
    y = np.zeros(n, int); y[rng.choice(n, max(FOLDS, round(PREVALENCE*n)), replace=False)] = 1
    base = rng.normal(0, 1.5, PATIENTS)[pid]
    p = 1/(1 + np.exp(-(base + 2.5*y + rng.normal(0, 0.7, n) - 6)))
    cols = {f'tbp_lv_f{j}': rng.normal(0, 1, PATIENTS)[pid] + 0.3*y*(j < 5) + rng.normal(0, 1, n) for j in range(COLUMNS)}
    return pd.DataFrame({PATIENT: [f'IP_{i:07d}' for i in pid], FOLD: (rng.permutation(PATIENTS) % FOLDS)[pid],
                         SITE: rng.choice(['posterior torso', 'anterior torso', 'lower extremity', 'upper extremity', 'head/neck'], n),
                         PROB: p, TARGET: y, **cols})


def best(fn, repeats):
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter(); out = fn(); times.append(time.perf_counter() - t0)
    return min(times), out


def stacker(X, y, fold, n_jobs):
    for k in range(FOLDS):
        m = fit_stacker(X[fold != k], y[fold != k], 'lgbm', seed=0, n_jobs=n_jobs)
        predict_stacker(m, X[fold == k])


def stack_and_report(times, n, df, X, n_jobs):
    "Time the 5-fold stacker at the two ends of SIZES (it dominates the time); print the line of size `n`."
    if n in (SIZES[0], ROWS):
        times['5-fold stacker'][n], _ = best(lambda: stacker(X, df[TARGET].to_numpy(), df[FOLD].to_numpy(), n_jobs), 1)
    print(f'{n:>9,} rows, {df[PATIENT].nunique():,} patients, {int(df[TARGET].sum())} melanomas, {X.shape[1]} stacker features: '
          + ', '.join(f'{part} {t[n]:.2f} s' for part, t in times.items() if n in t), flush=True)


def report_growth(times, t_all, repeats):
    "Each part's growth exponent from the smallest size to ROWS, and the whole bench's time."
    for part, t in times.items():
        print(f'growth exponent: {math.log(t[ROWS]/t[SIZES[0]])/math.log(ROWS/SIZES[0]):.2f} ({part})')
    print(f'whole bench: {time.perf_counter() - t_all:.0f} s (best of {repeats} for the features, one run of the stacker per size)')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--repeats', type=int, default=3); ap.add_argument('--n_jobs', type=int, default=1)
    a = ap.parse_args()
    t_all = time.perf_counter()
    times = {'patient features': {}, 'lesion features': {}, '5-fold stacker': {}}
    for n in SIZES:
        df = table(n)
        times['patient features'][n], pf = best(lambda: patient_features(df, PROB, groups=(FOLD, PATIENT)), a.repeats)
        times['lesion features'][n], _ = best(lambda: (tabular_features(df, groups=(FOLD, PATIENT)),
                                                        tabular_features(df, groups=(FOLD, PATIENT), relative=True)), a.repeats)
        X, _ = stack_features(df, PROB, ['image', 'patient', 'tabular', 'tabular_patient'], keys=(FOLD, PATIENT))
        stack_and_report(times, n, df, X, a.n_jobs)
    report_growth(times, t_all, a.repeats)
