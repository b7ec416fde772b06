"""gkdesk: compile the statistics table of the annual government information disclosure report."""

__version__ = "0.1.0"
