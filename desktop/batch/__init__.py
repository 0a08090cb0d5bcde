"""`parallax batch`: one comparison per folder, for researchers with many stories at once.

    parallax batch DIR/*/ --json-dir OUT [--csv-dir D] [--html-dir D] [--jobs N]

Each folder is one cluster (the article files directly inside it, in name order) and becomes
`OUT/<folder name>.json`, exactly what `parallax compare FILES --json` would write. Clusters
run in parallel processes (default: one per core), largest first so the last one to finish is
a small one; each process imports the engine once, which is most of what a `compare` per
cluster costs on news-sized articles.

Resuming: a cluster is done when the manifest `OUT/.parallax-batch` (JSON) records it with the
same input files (path as given, size and SHA-256), the same options and Parallax version,
and every output now asked for still exists with the SHA-256 recorded when it was written.
Anything else (a changed, added or removed article, another threshold, a deleted or edited
output) makes it run again; `--force` runs everything again.

Only this (parent) process writes files, each through the atomic writer (core/files.py), and
a cluster's outputs and its manifest entry are written with Ctrl+C held back, so an interrupted
run leaves every file whole and every cluster either recorded as done or not at all; workers
ignore Ctrl+C and are stopped by the parent. A failing cluster prints one line on stderr and
the others go on; when a worker dies (the system killing it for memory) only the cluster it
held fails, and a new worker takes the next. Exit codes as `compare`: 0, 2 for usage, 3 if any
cluster failed; 130 when interrupted.
"""

from desktop.batch.command import EXIT_INTERRUPTED, batch_main
from desktop.batch.manifest import MANIFEST
from desktop.batch.workers import Result, Task, compare_cluster

__all__ = ["EXIT_INTERRUPTED", "MANIFEST", "Result", "Task", "batch_main", "compare_cluster"]
