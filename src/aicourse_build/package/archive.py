"""Writing a package as a zip: sorted entries, fixed times and modes, atomic."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import zipfile
from pathlib import Path

from aicourse_build.package.targets import Package

# 1980-01-01, the earliest time a zip can hold, unless SOURCE_DATE_EPOCH says otherwise
DEFAULT_EPOCH = 315532800


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    epoch = max(epoch, DEFAULT_EPOCH)
    t = time.gmtime(epoch)
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def zip_bytes_to(package: Package, handle: zipfile.ZipFile) -> None:
    stamp = _timestamp()
    for name in sorted(package.files):
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.external_attr = 0o644 << 16
        info.create_system = 3  # unix, so the mode above means the same everywhere
        # media is already compressed; deflating it again only costs time
        already = name.lower().endswith((".webm", ".mp4", ".png", ".jpg", ".jpeg", ".woff2"))
        info.compress_type = zipfile.ZIP_STORED if already else zipfile.ZIP_DEFLATED
        handle.writestr(info, package.files[name], compresslevel=6)


def write_zip(package: Package, out: Path) -> Path:
    """Write `out` atomically: a temp file in the same folder, then a rename."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as handle:
            zip_bytes_to(package, handle)
        temp.chmod(0o644)
        temp.replace(out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return out
