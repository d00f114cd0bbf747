"""Jinja's compiled templates on disk, verified before they run, kept small.

Compiling is most of the cost of rendering a draft, so a new process reads the compiled code
of templates and text fields from workreport's cache folder. That code is run as it is, so
it is verified first (a digest of every entry, checked on reading) and an entry that fails
is removed and compiled again.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import pickle
from pathlib import Path

import jinja2

from .cache import cache_folder, discard, prune, store_atomic


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk, for new processes, verified before they are run.

    Each entry is ``MAGIC + sha256(payload) + payload``, written atomically; Jinja's payload
    itself starts with its own version mark and the template source's checksum. An entry
    that is too large, or whose digest does not match (a flipped byte, a half-written file),
    is deleted and the template compiled again: code that cannot be verified never runs.
    """

    MAGIC = b"workreport-bc1\n"
    MAX_ENTRY = 2 * 1024 * 1024
    """A compiled template is some 10–50 KB; anything near this is not worth keeping."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = Path(self._get_cache_filename(bucket))
        head = len(self.MAGIC) + 32
        try:
            if path.stat().st_size > self.MAX_ENTRY + head:
                raise ValueError(path)
            data = path.read_bytes()
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            discard(path, "编译后的模板")
            return
        payload = data[head:]
        if data[: len(self.MAGIC)] != self.MAGIC or data[len(self.MAGIC) : head] != (
            hashlib.sha256(payload).digest()
        ):
            discard(path, "编译后的模板")
            return
        try:
            bucket.load_bytecode(io.BytesIO(payload))
        except (EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # verified, but from another Python: compile again

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        buffer = io.BytesIO()
        bucket.write_bytecode(buffer)
        payload = buffer.getvalue()
        if len(payload) > self.MAX_ENTRY:
            return
        with contextlib.suppress(OSError):
            store_atomic(
                Path(self._get_cache_filename(bucket)),
                self.MAGIC + hashlib.sha256(payload).digest() + payload,
            )


def bytecode_cache(*sources: Path) -> jinja2.BytecodeCache | None:
    """Jinja's bytecode cache in ``jinja-<fingerprint>/`` of :func:`cache_folder`.

    Compiled code depends on the Jinja version and on the modules that set up the environment
    (its options, the sandbox, the names of the filters), given as ``sources``; the folder's
    name hashes them all, so a new version of any starts an empty folder. Buckets check the
    template's source themselves. The folder is looked up once per environment, when it is
    made, and pruned then (:func:`workreport.cache.prune`).
    """
    base = cache_folder()
    if base is None:
        return None
    try:
        fingerprint = hashlib.sha256()
        for source in sources:
            fingerprint.update(source.read_bytes())
        fingerprint.update(jinja2.__version__.encode())
        folder = base / f"jinja-{fingerprint.hexdigest()[:16]}"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    prune(folder, "jinja-")
    return _TemplateCache(str(folder))
