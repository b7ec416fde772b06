"""The log file: where unexpected errors are recorded so the clerk can send it to support."""
from __future__ import annotations

import logging
import traceback
from pathlib import Path

from .datadir import log_dir

LOG_NAME = "gkdesk.log"


def log_path() -> Path:
    return log_dir() / LOG_NAME


def get_logger() -> logging.Logger:
    logger = logging.getLogger("gkdesk")
    if not logger.handlers:
        try:
            log_dir().mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(log_path(), encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger


def log_exception(exc: BaseException) -> Path:
    """Record an unexpected exception with its traceback; returns the log file's path."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    get_logger().error("unexpected error\n%s", text)
    return log_path()
