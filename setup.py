"nbdev template setup.py, without pkg_resources: everything comes from settings.ini."
import shlex, shutil
from configparser import ConfigParser
from pathlib import Path
from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']
lib = cfg['lib_name']


class build_py_with_stages(build_py):
    "Ship the stage notebooks (nbs/stages/NN_name.ipynb) in the package as melanoma_nb/stages/, so a plain install runs experiments."
    def run(self):
        super().run()
        stages = sorted((Path(__file__).parent/'nbs'/'stages').glob('[0-9]*_*.ipynb'))
        if not stages: raise SystemExit('no stage notebooks in nbs/stages: build from a checkout (or an sdist made with MANIFEST.in)')
        out = Path(self.build_lib)/lib/'stages'
        out.mkdir(parents=True, exist_ok=True)
        for nb in stages: shutil.copy(nb, out/nb.name)


setup(
    name=lib, cmdclass={'build_py': build_py_with_stages}, version=cfg['version'], description=cfg['description'],
    author=cfg['author'], author_email=cfg['author_email'], license=cfg['license'],
    keywords=cfg['keywords'].split(), url=cfg['git_url'],
    packages=find_packages(include=[lib, f'{lib}.*']), include_package_data=True,
    python_requires=f">={cfg['min_python']}",
    install_requires=shlex.split(cfg.get('requirements', '')),
    extras_require={'tracking': shlex.split(cfg.get('tracking_requirements', '')),   # MLflow: tracking: mlflow
                    'dev': shlex.split(cfg.get('dev_requirements', '')) + shlex.split(cfg.get('tracking_requirements', ''))},
    entry_points={'console_scripts': cfg.get('console_scripts', '').split(),
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    zip_safe=False,
)
