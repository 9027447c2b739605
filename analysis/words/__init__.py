"""Words at the bottom: the catalogue of every sentence (English and Dutch) and the formats of numbers, money and dates."""
