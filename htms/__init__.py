"""HTMS: national information system against human trafficking and migrant smuggling."""
