#!/usr/bin/env bash
# GPU epoch benchmark: one training epoch of ~33k synthetic 256 px images through the real input pipeline
# (decoded-once cache, light augmentation, loader workers, uint8 to the device), efficientnet_b0 from scratch,
# AMP (bf16, or fp16 with a scaler) and channels_last. Prints images/s of the epoch and the data loader's share
# of the step time (time spent waiting for the next batch / epoch time).
#
#   bash bench/gpu_epoch.sh                          # on a machine with a CUDA GPU and the project's .venv
#   N=2000 SIZE=128 WORKERS=4 bash bench/gpu_epoch.sh   # smaller; also runs (slowly) on a CPU, to check the script
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
N=${N:-33000} SIZE=${SIZE:-256} BATCH=${BATCH:-128} WORKERS=${WORKERS:-$(nproc)} WORK=${WORK:-/tmp/melanoma_gpu_epoch}
SCRIPT=$(mktemp --suffix .py); trap 'rm -f "$SCRIPT"' EXIT   # a file, not stdin: spawned decode workers import it
cat > "$SCRIPT" <<'PYEOF'
import os, time
from pathlib import Path
import numpy as np, torch, torch.nn.functional as F
from melanoma_nb.augment import make_augment
from melanoma_nb.dataset import MelanomaDataset, UpsampleSampler, cache_images, make_loader
from melanoma_nb.loop import amp_dtype
from melanoma_nb.model import create_model
from melanoma_nb.synth import make_synthetic

def main():
    n, size, batch, workers = (int(os.environ[k]) for k in ("N", "SIZE", "BATCH", "WORKERS")); work = Path(os.environ["WORK"])
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    t0 = time.time()
    data = work/f'synth_{n}_{size}'
    if not (data/'train.csv').exists(): make_synthetic(data, patients=max(2, n//16), images_per_patient=16, size=size, test_patients=0, force=True)
    paths = sorted(str(p) for p in (data/'jpeg'/'train').glob('*.jpg'))
    images = cache_images(paths, size, cache_file=work/f'cache_{n}_{size}.npy')
    print(f'{len(paths):,} images at {size} px ready in {time.time() - t0:.0f} s (synthesised and decoded once; reused next time)')
    targets = (np.random.default_rng(0).random(len(paths)) < 0.0176).astype(np.float32)
    ds = MelanomaDataset(images, None, targets, make_augment('light', size), seed=0)
    loader = make_loader(ds, batch, train=True, workers=workers, sampler=UpsampleSampler(targets, 1, seed=0), seed=0)
    model = create_model('efficientnet_b0', log=None).to(device, memory_format=torch.channels_last).train()
    dtype = amp_dtype('auto', device, model) if device == 'cuda' else None
    scaler = torch.amp.GradScaler(enabled=dtype == torch.float16)
    opt = torch.optim.AdamW(model.parameters(), 1e-3)
    def sync(): torch.cuda.synchronize() if device == 'cuda' else None
    wait = seen = 0.0; sync(); start = time.perf_counter(); t = start
    for i, b in enumerate(loader):
        x = b['image'].to(device, non_blocking=True).contiguous(memory_format=torch.channels_last); y = b['target'].to(device)
        got = time.perf_counter(); wait += got - t
        with torch.autocast(device, dtype=dtype, enabled=dtype is not None):
            loss = F.binary_cross_entropy_with_logits(model(x)[:, 0].float(), y)
        scaler.scale(loss).backward(); scaler.step(opt); scaler.update(); opt.zero_grad(set_to_none=True)
        sync(); t = time.perf_counter(); seen += len(x)
    total = t - start
    name = torch.cuda.get_device_name() if device == 'cuda' else 'CPU'
    print(f'efficientnet_b0, {size} px, batch {batch}, {workers} loader workers, AMP {dtype}, channels_last, on {name}')
    print(f'epoch: {seen:,.0f} images in {total:.1f} s: {seen/total:,.0f} images/s')
    print(f'data loader share of the step time: {wait/total:.0%} (time waiting for the next batch)')

if __name__ == '__main__': main()
PYEOF
N=$N SIZE=$SIZE BATCH=$BATCH WORKERS=$WORKERS WORK=$WORK $PY "$SCRIPT"
