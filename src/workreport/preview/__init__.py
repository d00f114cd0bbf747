"""``workreport preview``: the draft's pages in a browser, refreshed on every save.

:mod:`.office` keeps one LibreOffice running for the conversions, :mod:`.pages` turns the PDF
into page images (only the pages whose text changed are drawn again), :mod:`.refresh` builds,
converts and collects what is still to do, and :mod:`.server` serves the page and the images
to the browser on 127.0.0.1 only.
"""
