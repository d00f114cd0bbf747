"""Run by a Python that has LibreOffice's ``uno`` module: converts documents to PDF in a
LibreOffice that is already running, one request a line on standard input.

Input lines are ``<source>\t<target pdf>``; each answer is ``ok`` or ``error <reason>`` on
one line. The office is reached through the pipe named in the first argument.
"""

import sys
import time
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _property(name: str, value: Any) -> Any:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def main() -> None:
    pipe = sys.argv[1]
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    context = None
    for _ in range(300):  # the office may still be starting
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.1)
    if context is None:
        print("error LibreOffice did not answer", flush=True)
        return
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    print("ready", flush=True)
    for line in sys.stdin:
        source, target = line.rstrip("\n").split("\t")
        try:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(source), "_blank", 0, (_property("Hidden", True),)
            )
            if document is None:
                raise RuntimeError("LibreOffice could not open the file")
            try:
                document.storeToURL(
                    uno.systemPathToFileUrl(target),
                    (_property("FilterName", "writer_pdf_Export"),),
                )
            finally:
                document.close(True)
            print("ok", flush=True)
        except Exception as exc:  # reported to the caller, who decides
            print(f"error {type(exc).__name__}: {exc}".replace("\n", " "), flush=True)


main()
