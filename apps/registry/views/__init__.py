"""The registry's pages. Each module holds one area; urls.py names them all."""
