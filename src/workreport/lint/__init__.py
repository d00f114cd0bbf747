"""Report text (.txt, .docx, a YAML input's draft) → proofreading findings with safe fixes.

Rules are data (:class:`Rule`: id, category, severity, summary, advice, failing and passing
examples, the check and an optional safe fix), modelled on proselint's checks and ruff's rule
metadata; word lists live in plain UTF-8 files under ``data/`` that a unit extends with its
own folder. The ``default`` profile reports what a careful editor always fixes; ``strict``
adds the suggestions of GB/T 15834, GB/T 15835 and the 通用规范汉字表 (each rule cites its
clause in ``Rule.standard``). Residue pasted from a web page or a PDF is one finding a block,
and no other rule reports, or fixes, inside it. Typical use::

    from workreport.lint import apply_fixes, format_finding, lint_text
    text = "全面贯彻落实落实党的二十大精神,推动发展。"
    findings = lint_text(text, source="报告.txt")
    for f in findings:
        print(format_finding(f))   # 报告.txt:1:5: dup.word 词语重复：“落实落实”（建议：…）
    apply_fixes(text, findings)    # "全面贯彻落实党的二十大精神，推动发展。"
"""

from .data import LintData, load_data
from .engine import (
    RULES,
    RULES_BY_ID,
    apply_fixes,
    fix_text,
    lint_text,
    select_rules,
    selected,
)
from .model import PROFILES, SEVERITIES, Doc, Finding, Hit, LintInputError, Profile, Rule, Severity
from .readers import (
    DraftReader,
    Source,
    fixed_path,
    lint_path,
    read_any,
    read_docx,
    read_draft,
    read_source,
    read_text_file,
    write_text_atomic,
)
from .report import (
    finding_to_dict,
    findings_to_json,
    format_finding,
    format_group,
    format_rules,
    group_by_cause,
    rules_to_json,
    summary_line,
)
from .settings import LintSettings, read_settings, unit_lint_dirs

__all__ = [
    "PROFILES",
    "RULES",
    "RULES_BY_ID",
    "SEVERITIES",
    "Doc",
    "DraftReader",
    "Finding",
    "Hit",
    "LintData",
    "LintInputError",
    "LintSettings",
    "Profile",
    "Rule",
    "Severity",
    "Source",
    "apply_fixes",
    "finding_to_dict",
    "findings_to_json",
    "fix_text",
    "fixed_path",
    "format_finding",
    "format_group",
    "format_rules",
    "group_by_cause",
    "lint_path",
    "lint_text",
    "load_data",
    "read_any",
    "read_docx",
    "read_draft",
    "read_settings",
    "read_source",
    "read_text_file",
    "rules_to_json",
    "select_rules",
    "selected",
    "summary_line",
    "unit_lint_dirs",
    "write_text_atomic",
]
