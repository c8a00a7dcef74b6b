"""The border intake pages. Views stay thin: access check, service or selector, template."""
