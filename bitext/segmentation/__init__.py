"""Indonesian sentence segmentation, and documents turned into segments."""
