"""Forms of the border intake pages. They carry plain values; the services check them."""
