"""Reading inputs: text and HTML pages, corpus files (JSONL, TSV, Parquet), standard input."""
