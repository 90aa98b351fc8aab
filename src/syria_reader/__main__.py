"""Run the command line: ``python -m syria_reader``."""

from syria_reader.cli import main

raise SystemExit(main())
