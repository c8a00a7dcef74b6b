"""Forms of the officer pages; each checks the shape of the input, the services check the rest."""
