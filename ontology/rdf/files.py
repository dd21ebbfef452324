"""Writing an export to a file atomically: a failed export leaves no file, or the old one intact.

The output is written into a temporary file beside the target and renamed into place on success
only; the file keeps the replaced file's mode, or gets the one the umask gives. A symbolic link
is refused (replacing it would surprise whoever made it; following it would write elsewhere).
Used by both exports (RDF and FtM); errors are :class:`~ontology.errors.OptionError` of the
option ``out``, naming the path.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from ontology.errors import OptionError

_T = TypeVar("_T")


def check_writable(path: Path) -> None:
    """Fail (``OptionError``) unless ``path`` can be (re)placed by a new regular file.

    A symbolic link is refused: replacing it would surprise whoever made it, and following it
    would write into another file."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        raise OptionError("out", f"{str(path)!r} is a symbolic link; give the path of a regular file")
    if path.is_dir():
        raise OptionError("out", f"{str(path)!r} is a directory")
    if path.exists() and not path.is_file():
        raise OptionError("out", f"{str(path)!r} is not a regular file")
    if not folder.is_dir():
        raise OptionError("out", f"{str(path)!r}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OptionError("out", f"{str(path)!r}: not writable")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def target_mode(path: Path) -> int:
    """The mode the exported file gets: the replaced file's, or what ``open`` would give (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.lstat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def export_to_file(path: Path, write: Callable[[IO[bytes]], _T]) -> _T:
    """Run ``write`` into a temporary file beside ``path`` and rename it into place on success only.

    The rename replaces the directory entry (it never writes through a link), and the file
    gets the replaced file's mode or, for a new file, the mode the umask gives."""
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    mode = target_mode(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OptionError("out", f"{str(path)!r}: cannot write there ({exc.strerror})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            stats = write(fh)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
        if path.is_symlink():  # made while we were writing
            raise OptionError("out", f"{str(path)!r} became a symbolic link; not replaced")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return stats
