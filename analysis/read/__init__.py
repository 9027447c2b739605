"""From uploaded bytes to a Dataset: files, sheets, cells, dates and amounts, column mapping, joins and the quality report."""
