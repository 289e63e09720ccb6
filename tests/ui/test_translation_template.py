"""The UI is ready for translators (issue 16, item 5): lupdate extracts the strings of
needleguide/ui into a template, and the files converted so far hand Qt's text setters
translated strings, never bare English literals."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "needleguide" / "ui"
LUPDATE = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
# Files whose every user-visible string goes through tr()/translate(); pages.py and
# muscle_page.py build the card's HTML.
CONVERTED = ("about_dialog.py", "answer_button.py", "card_view.py", "collaborators.py",
             "companion_windows.py", "depth_picture.py", "depth_view.py",
             "document_commands.py", "export_notice.py", "file_actions.py", "help_dialogs.py",
             "main_window.py", "messages.py", "muscle_print.py", "note_versions.py",
             "notes_pane.py", "region_list.py", "search_box.py", "search_source.py",
             "shortcuts_dialog.py", "start_up.py", "study_progress_view.py",
             "study_window.py", "window_panes.py", "window_state.py")
# Calls that put text on screen or in a screen reader's ear.
SETTERS = {"setWindowTitle", "setToolTip", "setPlaceholderText", "setAccessibleName",
           "setAccessibleDescription", "setStatusTip", "setWhatsThis", "setText",
           "setHorizontalHeaderLabels", "addItem", "QAction", "QLabel", "QPushButton",
           "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QMessageBox",
           "show_error", "clearable_line_edit", "StatusLabel", "ask_save_path",
           "ask_open_path", "export_pdf_to", "information", "warning", "critical", "question"}
TRANSLATORS = {"tr", "translate"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _bare_words(node: ast.AST) -> list[str]:
    """English literals in ``node`` that reach the screen untranslated: string constants and
    f-string parts with letters, except inside a tr()/translate() call (file names such as
    "notes.json" and the app's name are not words to translate)."""
    if isinstance(node, ast.Call) and _name(node) in TRANSLATORS:
        return []
    if isinstance(node, ast.Call):  # str.format(...) of a translated string, or a helper
        return [w for child in [node.func, *node.args] for w in _bare_words(child)]
    if isinstance(node, ast.Attribute):
        return _bare_words(node.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        word = node.value
        a_name = not any(c.isspace() for c in word) and ("." in word or word == "needleguide")
        return [word] if any(c.isalpha() for c in word) and not a_name else []
    if isinstance(node, ast.JoinedStr):
        return [w for part in node.values for w in _bare_words(part)]
    if isinstance(node, ast.FormattedValue):
        return []
    return [w for child in ast.iter_child_nodes(node) for w in _bare_words(child)]


def test_converted_files_give_qt_translated_text() -> None:
    """A bare English literal in a converted file would stay English in every language."""
    found = []
    for name in CONVERTED:
        tree = ast.parse((UI / name).read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and _name(call) in SETTERS:
                for arg in call.args:
                    found += [f"{name}:{call.lineno}: {w!r}" for w in _bare_words(arg)]
            if isinstance(call, ast.Call) and _name(call) in TRANSLATORS:
                texts = [a for a in call.args if isinstance(a, ast.JoinedStr)]
                found += [f"{name}:{call.lineno}: f-string given to {_name(call)}()"
                          for _ in texts]  # lupdate would extract '{x}' literally
    assert not found, "untranslated UI text:\n" + "\n".join(found)


def test_the_checker_sees_a_bare_literal() -> None:
    tree = ast.parse('label.setToolTip("Open it")\nlabel.setText(f"Saved {path}")\n'
                     'label.setText(self.tr("Saved {path}").format(path=path))')
    calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and _name(c) in SETTERS]
    assert [w for c in calls for a in c.args for w in _bare_words(a)] == ["Open it", "Saved "]


@pytest.mark.skipif(not Path(LUPDATE).exists(), reason="pyside6-lupdate is not installed")
def test_lupdate_extracts_the_ui_strings(tmp_path: Path) -> None:
    target = tmp_path / "needleguide.ts"
    sources = sorted(str(p) for p in UI.glob("*.py"))
    run = subprocess.run([LUPDATE, "-no-obsolete", *sources, "-ts", str(target)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    template = target.read_text(encoding="utf-8")
    for context, text in (("SearchBox", "Search nerves, drugs\u2026"),
                          ("NotesPane", "Your notes on {region}"),
                          ("AboutDialog", "Copy &amp;diagnostics"),
                          ("ShortcutsDialog", "Keyboard shortcuts"),
                          ("file_actions", "Export safety sheet as PDF")):
        assert f"<name>{context}</name>" in template
        assert f"<source>{text}</source>" in template, text


def test_the_committed_template_is_current(tmp_path: Path) -> None:
    """resources/translations/needleguide.ts holds every string the converted files wrap."""
    if not Path(LUPDATE).exists():
        pytest.skip("pyside6-lupdate is not installed")
    target = tmp_path / "fresh.ts"
    subprocess.run([LUPDATE, "-no-obsolete", *sorted(str(p) for p in UI.glob("*.py")),
                    "-ts", str(target)], capture_output=True, timeout=120, check=True)
    committed = (ROOT / "resources" / "translations" / "needleguide.ts").read_text("utf-8")
    fresh = {line.strip() for line in target.read_text("utf-8").splitlines()
             if "<source>" in line}
    missing = sorted(s for s in fresh if s not in committed)
    assert not missing, "run `make translations-template`; missing: " + "; ".join(missing[:5])
