"""Page cleaning: each paragraph of a scraped page classified, debris removed and reported."""
