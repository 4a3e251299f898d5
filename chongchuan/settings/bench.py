"""The page benchmark (scripts/bench_pages.sh): production settings, plus a URLconf with a bare
view to compare the pages with. Nothing else may differ from production."""

from .production import *  # noqa: F403

ROOT_URLCONF = "chongchuan.bench_urls"
