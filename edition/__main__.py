"""Allow `python -m edition`."""

from edition.cli import main

raise SystemExit(main())
