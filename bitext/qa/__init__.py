"""Quality checks: degenerate output, corpus checks, evaluation with sacrebleu."""
