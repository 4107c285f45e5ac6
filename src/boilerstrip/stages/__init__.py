"""The pipeline stages, one module per job; `boilerstrip.pipeline` lists them in order."""
