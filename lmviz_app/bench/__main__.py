"""`python -m lmviz_app.bench` (also `lmviz bench`): the speed and memory figures of BENCHMARKS.md."""

from lmviz_app.bench.run import main

main()
