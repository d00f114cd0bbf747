"""Existing material → inputs: spreadsheets of figures and last year's report (.docx/.txt).

- :mod:`.table` reads an Excel/CSV sheet of indicators (streamed within limits by
  :mod:`.grid`) and :mod:`.merge` merges it into a YAML file, keeping the file's comments and
  order, converting units of another scale (:mod:`.scales`) and asking about close names
  (:mod:`.names`);
- :mod:`.sources` reads a report (.txt, .docx, or a YAML input as its draft) into headings
  and paragraphs; :mod:`.extract` turns them into a YAML input file;
- :mod:`.fidelity` compares a source report with a draft (heading tree, figures, characters).
"""

from __future__ import annotations

from ..errors import WorkreportError


class SourceError(WorkreportError):
    """A spreadsheet or report cannot be read or does not have the expected shape."""
