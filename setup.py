"nbdev template setup.py, without pkg_resources: everything comes from settings.ini."
import shlex
from configparser import ConfigParser
from setuptools import find_packages, setup

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']
lib = cfg['lib_name']

setup(
    name=lib, version=cfg['version'], description=cfg['description'],
    author=cfg['author'], author_email=cfg['author_email'], license=cfg['license'],
    keywords=cfg['keywords'].split(), url=cfg['git_url'],
    packages=find_packages(include=[lib, f'{lib}.*']), include_package_data=True,
    python_requires=f">={cfg['min_python']}",
    install_requires=shlex.split(cfg.get('requirements', '')),
    extras_require={'dev': shlex.split(cfg.get('dev_requirements', ''))},
    entry_points={'console_scripts': cfg.get('console_scripts', '').split(),
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    zip_safe=False,
)
