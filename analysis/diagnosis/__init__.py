"""Why revenue moved: the revenue bridge, change tests, root causes and weak spots."""
