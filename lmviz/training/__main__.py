"""`python -m lmviz.training` (also `lmviz train`): the training page's loop in a terminal."""

from lmviz.training.cli import main

raise SystemExit(main())
