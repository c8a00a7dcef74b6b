"""The officer pages, one module per area. Views stay thin: access check, service or
selector, template."""
