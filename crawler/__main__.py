"""`python -m crawler`: the same program as the `capexwatch` console script."""

from crawler.cli import main

raise SystemExit(main())
