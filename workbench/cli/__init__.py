"""The ``rtlwb`` command line (``main.py``): one module per command or group of commands, each
imported only when its command runs."""
