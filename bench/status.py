"""`melanoma status` benchmark: where 100 experiments stand, read from their run records, against the planner that
`melanoma run --dry-run` uses (inputs and outputs hashed again), on the same experiments, in one run.

Builds in a temporary folder a toy project like the runner's tests: two stage notebooks, a data folder of `--images`
small files that every experiment reads, one experiment run through the runner, then cloned `--exps` times (its run
folder, reports and YAML, the records rewritten to the clone's name), so that every experiment is up to date.
  status:    melanoma_nb.status.experiment_status over all of them, in this process, and `melanoma status` as a fresh
             process (imports included)
  baseline:  melanoma_nb.runner.plan_experiment for each (what --dry-run does)
Prints both times and `status speedup` = baseline / status (in-process).

    python bench/status.py [--exps 100] [--images 2000]
"""
import argparse, json, shutil, subprocess, sys, tempfile, time
from pathlib import Path

from melanoma_nb.params import write_stage_notebook
from melanoma_nb.runner import plan_experiment, run_experiments
from melanoma_nb.status import experiment_status, format_status

IO = dict(make=dict(reads=[], writes=['train']), use=dict(reads=['train'], writes=['folds']))


def project(root:Path, n_exps:int, n_images:int):
    stages = root/'stages'
    write_stage_notebook(stages/'01_make.ipynb', "exp: str = 'smoke'  # experiment\nrun_dir: str = ''  # output folder\n"
                         "data_dir: str = ''  # input folder\nseed: int = 42  # seed\n",
                         "from pathlib import Path\n(Path(run_dir)/'data').mkdir(parents=True, exist_ok=True)\n"
                         "(Path(run_dir)/'data'/'train.csv').write_text(str(len(list(Path(data_dir).iterdir()))) + str(seed))")
    write_stage_notebook(stages/'02_use.ipynb', "run_dir: str = ''  # output folder\n",
                         "from pathlib import Path\n(Path(run_dir)/'folds.csv').write_text((Path(run_dir)/'data'/'train.csv').read_text())")
    (root/'data').mkdir(); (root/'params').mkdir()
    for i in range(n_images): (root/'data'/f'ISIC_{i:07d}.jpg').write_bytes(b'\xff\xd8' + bytes(i % 251))
    (root/'params'/'e0.yaml').write_text('data_dir: data\nseed: 1\n')
    run_experiments([root/'params/e0.yaml'], root, stages, stage_io=IO, progress=False, log=lambda m: None)
    for i in range(1, n_exps):
        e = f'e{i}'
        (root/'params'/f'{e}.yaml').write_text('data_dir: data\nseed: 1\n')
        for d in ('runs', 'reports'): shutil.copytree(root/d/'e0', root/d/e)
        for rec in (root/'runs'/e/'stages').glob('*.json'):
            text = rec.read_text().replace('/runs/e0', f'/runs/{e}').replace('/figures/e0', f'/figures/{e}')
            text = text.replace('"exp": "e0"', f'"exp": "{e}"').replace('/params/e0.yaml', f'/params/{e}.yaml')
            rec.write_text(text.replace('runs/e0/', f'runs/{e}/'))
    return stages


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--exps', type=int, default=100); ap.add_argument('--images', type=int, default=2000)
    a = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix='melanoma_status_bench_')).resolve()
    try:
        stages = project(root, a.exps, a.images)
        t0 = time.perf_counter(); rows = experiment_status(root, stages_dir=stages, stage_io=IO); t_status = time.perf_counter() - t0
        states = {r.state for r in rows}
        assert len(rows) == a.exps and states == {'done'}, format_status(rows)
        t0 = time.perf_counter()
        plans = [plan_experiment(root/'params'/f'e{i}.yaml', root, stages, stage_io=IO, refuse=False) for i in range(a.exps)]
        t_plan = time.perf_counter() - t0
        assert not any(p.todo for p in plans)
        code = (f'from melanoma_nb.status import experiment_status, format_status\nfrom melanoma_nb.core import STAGE_IO\n'
                f'print(format_status(experiment_status({str(root)!r}, stages_dir={str(stages)!r}, stage_io={json.dumps(IO)})))')
        t0 = time.perf_counter(); out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True).stdout
        t_process = time.perf_counter() - t0
        print(out.splitlines()[-1])
        print(f'status of {a.exps} experiments: {t_status:.2f} s in this process, {t_process:.2f} s as a fresh process (imports included)')
        print(f'baseline (the planner of melanoma run --dry-run, {a.images:,} data files per experiment re-hashed): {t_plan:.2f} s')
        print(f'status speedup: {t_plan / t_status:.1f}x')
    finally: shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__': main()
