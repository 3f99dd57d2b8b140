"""The benchmark data set: `spec.json` (its shape), `generator.py` (the records, deterministic and stdlib only),
`forums.py` and `ideas.py` (the records in our tables) and `cli.py` (`flask bench load-dataset`)."""
