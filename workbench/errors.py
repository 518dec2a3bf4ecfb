"""Problems the user can fix, as opposed to bugs.

The command line prints a :class:`WorkbenchError` as one line that names the file and the problem,
never a traceback; it can catch them all without importing the modules that raise them.
"""


class WorkbenchError(Exception):
    """Bad input or a missing piece of the environment: a malformed file, an unknown name, a tool or
    service that cannot be reached. Subclasses keep their standard base (ValueError, ...) too."""
