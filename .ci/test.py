"""The CI test sequence behind `make test`.

1. `nbdev_clean` and `nbdev_export` leave `nbs/` and `melanoma_nb/` unchanged (notebooks clean, library in sync);
2. every stage notebook still has its papermill `parameters` cell;
3. every notebook runs with nbdev's own `test_nb` (what `nbdev_test` does, in parallel, honouring `tst_flags`),
   and the run ends with the line `N passed, N failed`.
"""
import argparse, hashlib, os, subprocess, sys, time
from pathlib import Path


def snapshot():
    "Hash of every file under nbs/ and melanoma_nb/."
    skip = {'.ipynb_checkpoints', '__pycache__'}
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for d in ('nbs', 'melanoma_nb')
            for p in sorted(Path(d).rglob('*')) if p.is_file() and not skip & set(p.parts)}


def check_sync(bin_dir):
    before = snapshot()
    for tool in ('nbdev_clean', 'nbdev_export'): subprocess.run([str(bin_dir/tool)], check=True)
    after = snapshot()
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    if changed:
        print('nbdev_clean / nbdev_export changed these files (run both and commit the result):', *changed, sep='\n  ')
        return False
    print('sync: nbdev_clean and nbdev_export leave the tree unchanged')
    return True


def check_parameters():
    import papermill as pm
    stages = sorted(p for p in Path('nbs/stages').glob('*.ipynb') if not p.name.startswith('_'))
    missing = [str(p) for p in stages if not pm.inspect_notebook(str(p))]
    if missing:
        print('stage notebooks without a cell tagged "parameters":', *missing, sep='\n  ')
        return False
    print(f'parameters: all {len(stages)} stage notebooks have their parameters cell')
    return True


def run_notebooks(flags, n_workers):
    if n_workers > 1: os.environ.setdefault('OMP_NUM_THREADS', '1')   # two torch notebooks with 2 threads each on 2 cores thrash (10x slower)
    from fastcore.parallel import parallel
    from fastcore.xtras import working_directory
    from nbdev.config import get_config
    from nbdev.doclinks import nbglob
    from nbdev.test import test_nb
    cfg = get_config()
    files = [f.absolute() for f in sorted(nbglob(as_path=True)) if not (f.parent/'.notest').exists()]
    with working_directory(cfg.nbs_path):
        results = parallel(test_nb, files, skip_flags=cfg.tst_flags.split(), force_flags=flags.split(),
                           n_workers=n_workers, basepath=cfg.config_path, pause=0.01)
    for f, (ok, secs) in zip(files, results):
        print(f"{'PASS' if ok else 'FAIL'} {f.relative_to(cfg.nbs_path)} ({secs:.0f} s)")
    passed = sum(ok for ok, _ in results)
    print(f'{passed} passed, {len(files) - passed} failed')
    return passed == len(files)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--flags', default='', help='test flags to run that are skipped by default, e.g. "slow"')
    p.add_argument('--n_workers', type=int, default=2, help='notebooks run at once')
    a = p.parse_args()
    t0 = time.time()
    ok = check_sync(Path(sys.executable).parent) and check_parameters()
    ok = run_notebooks(a.flags, a.n_workers) and ok if ok else False
    print(f'make test: {time.time() - t0:.0f} s')
    sys.exit(0 if ok else 1)
