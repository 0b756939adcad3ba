"""The output folder as a project: its files, manifest, reruns, reviews and the one write path."""
