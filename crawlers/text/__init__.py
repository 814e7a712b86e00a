"""Indonesian text utilities shared by every crawler stage: dates, boilerplate, datelines,
language check."""
