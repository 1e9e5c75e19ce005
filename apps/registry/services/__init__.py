"""Registry writes (services) and the reference-data loader."""
