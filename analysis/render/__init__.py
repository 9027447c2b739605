"""Files out: the HTML, PDF and Excel reports, the JSON contract, safe downloads."""
