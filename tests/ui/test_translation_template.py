"""The UI is ready for translators (issue 16, item 5): lupdate extracts the strings of
needleguide/ui and needleguide/drawing into a template, and the files converted so far hand
Qt's text setters translated strings, never bare English literals."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "needleguide" / "ui"
DRAWING = ROOT / "needleguide" / "drawing"  # the words the card and the depth picture draw
LUPDATE = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
# Every module of ui/ and drawing/ hands Qt translated strings (issue 16, item 5); some have
# no words at all, and are checked so that one added later is caught.
CONVERTED = tuple(sorted(f"{folder.name}/{path.name}" for folder in (UI, DRAWING)
                         for path in folder.glob("*.py")))
# Calls that put text on screen or in a screen reader's ear.
SETTERS = {"setWindowTitle", "setToolTip", "setPlaceholderText", "setAccessibleName",
           "setAccessibleDescription", "setStatusTip", "setWhatsThis", "setText",
           "setHorizontalHeaderLabels", "addItem", "QAction", "QLabel", "QPushButton",
           "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QMessageBox",
           "show_error", "clearable_line_edit", "StatusLabel", "ask_save_path",
           "ask_open_path", "export_pdf_to", "information", "warning", "critical", "question",
           "addMenu", "addAction", "setTabText", "setWindowIconText", "setIconText", "setTitle",
           "QListWidgetItem", "QTreeWidgetItem", "setHeaderLabels", "setHeaderLabel", "QMenu",
           "QToolBar", "QDockWidget", "announce", "action", "setPrefix", "setSuffix",
           "setSpecialValueText", "markup", "literal", "drawText"}
TRANSLATORS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
# Shortcut strings are key names, not words ("Ctrl+T", "Shift+F6").
_KEYS = re.compile(r"((Ctrl|Shift|Alt|Meta)\+)+(\w+|.)|F\d{1,2}")
# Page HTML (markup()/literal()): tags, style sheets, entities and {} slots are not words, but
# a title="..." attribute is (it is the link's tooltip).
_NOT_WORDS = re.compile(r"<style>.*?</style>|<[^>]*>|&\w+;|\{[^}]*\}|[a-z-]+: [\w#%. -]+;",
                        re.DOTALL)  # (the last: an inline style, "font-size: large;")
_HTML_PARTS = {"markup", "literal", "escape", "concat", "join", "lines", "format"}
_LOGGERS = {"log", "logger", "logging", "getLogger"}  # log lines are for support, in English
_TITLES = re.compile(r'title="([^"]*)"')


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_word(text: str) -> bool:
    """Text a reader sees: letters, and not a file name, a key name or the app's name."""
    a_name = not any(c.isspace() for c in text) and ("." in text or text == "needleguide")
    return any(c.isalpha() for c in text) and not a_name and not _KEYS.fullmatch(text)


def _bare_words(node: ast.AST, html: bool = False) -> list[str]:
    """English literals in ``node`` that reach the screen untranslated: string constants and
    f-string parts with letters, except inside a tr()/translate() call (file names such as
    "notes.json" and the app's name are not words to translate). In ``html`` (a page's
    markup), only the text between the tags and title attributes count."""
    if isinstance(node, ast.Call) and _name(node) in TRANSLATORS | {"anchor"}:
        return []  # (an anchor's name is a link target, never shown)
    if isinstance(node, ast.Call) and html and _name(node) not in _HTML_PARTS:
        return []  # a helper's own arguments (a field name, a key) are not page text
    if isinstance(node, ast.Call):  # str.format(...) of a translated string, or a helper
        return [w for child in [node.func, *node.args] for w in _bare_words(child, html)]
    if isinstance(node, ast.Attribute):
        return _bare_words(node.value, html)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        word = node.value
        if html:
            shown = [_NOT_WORDS.sub(" ", word), *_TITLES.findall(word)]
            return [word] if any(_is_word(_NOT_WORDS.sub(" ", s).strip()) for s in shown) else []
        return [word] if _is_word(word) else []
    if isinstance(node, ast.JoinedStr):
        return [w for part in node.values for w in _bare_words(part, html)]
    if isinstance(node, ast.FormattedValue):
        return []
    if isinstance(node, (ast.Lambda, ast.Compare)):  # a callback or a test, not text
        return []
    if isinstance(node, ast.IfExp):  # only the two texts it chooses between are shown
        return _bare_words(node.body, html) + _bare_words(node.orelse, html)
    return [w for child in ast.iter_child_nodes(node) for w in _bare_words(child, html)]


def bare_literals(source: str, name: str) -> list[str]:
    """``name:line: 'text'`` for each English literal handed to a text setter untranslated,
    and each f-string given to a translator (lupdate would extract '{x}' literally)."""
    found = []
    for call in ast.walk(ast.parse(source)):
        if not isinstance(call, ast.Call):
            continue
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        if isinstance(receiver, ast.Call):
            receiver = receiver.func
        if _name(call) in SETTERS and not (
                isinstance(receiver, (ast.Name, ast.Attribute))
                and (getattr(receiver, "id", "") or getattr(receiver, "attr", "")) in _LOGGERS):
            html = _name(call) in ("markup", "literal")
            for arg in call.args:
                found += [f"{name}:{getattr(arg, 'lineno', call.lineno)}: {w!r}"
                          for w in _bare_words(arg, html)]
        if _name(call) in TRANSLATORS:
            found += [f"{name}:{call.lineno}: f-string given to {_name(call)}()"
                      for a in call.args if isinstance(a, ast.JoinedStr)]
    return sorted(found, key=lambda line: int(line.split(":")[1]))


def _sources() -> list[str]:
    """What the template covers, as `make translations-template` lists it."""
    return sorted(str(p) for folder in (UI, DRAWING) for p in folder.glob("*.py"))


def test_converted_files_give_qt_translated_text() -> None:
    """A bare English literal in a converted file would stay English in every language."""
    found = [line for name in CONVERTED
             for line in bare_literals((UI.parent / name).read_text(encoding="utf-8"), name)]
    assert not found, "untranslated UI text:\n" + "\n".join(found)


def test_the_checker_sees_a_bare_literal() -> None:
    tree = ast.parse('label.setToolTip("Open it")\nlabel.setText(f"Saved {path}")\n'
                     'label.setText(self.tr("Saved {path}").format(path=path))')
    calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and _name(c) in SETTERS]
    assert [w for c in calls for a in c.args for w in _bare_words(a)] == ["Open it", "Saved "]


def test_the_checker_names_file_and_line_of_each_bare_literal() -> None:
    """The guard fails on the usual ways English slips through, and says where."""
    source = ('label.setText("Hello")\n'
              'menu.addMenu("&File")\n'
              'item = QListWidgetItem("Neck")\n'
              'announce(self, f"{n} results")\n'
              'parts.append(literal("<p>Applies to every region.</p>"))\n'
              'link = markup(\'<a href="x:{}" title="Fold {}">{}</a>\', key, t, t)\n'
              'self.setToolTip(self.tr("Fine") + " (Ctrl+M)")\n'
              'made = action(w, "&Back", w.back, "Alt+Left")\n'
              'text = self.tr(f"Open {name}")\n'
              'label.setText(self.tr("Front") if view == "front" else "Back")\n')
    assert bare_literals(source, "x.py") == [
        "x.py:1: 'Hello'", "x.py:2: '&File'", "x.py:3: 'Neck'", "x.py:4: ' results'",
        "x.py:5: '<p>Applies to every region.</p>'",
        "x.py:6: '<a href=\"x:{}\" title=\"Fold {}\">{}</a>'", "x.py:7: ' (Ctrl+M)'",
        "x.py:8: '&Back'", "x.py:9: f-string given to tr()", "x.py:10: 'Back'"]


def test_the_checker_leaves_translated_text_markup_and_key_names_alone() -> None:
    source = ('label.setText(self.tr("Hello"))\n'
              'made = action(w, translate("window", "&Back"), w.back, "Alt+Left")\n'
              'made = action(w, translate("window", "Next pane"), None, "Shift+F6")\n'
              'page = markup("<h2>{}{}</h2>", name, escape(translate("pages", "Sources")))\n'
              'style = markup("<style>body {{ color: {}; }}</style>", colour)\n'
              'box = literal(\'<table width="100%" cellspacing="0"><tr><td>\')\n'
              'label.setToolTip(translate("x", "{name} ({keys})").format(name=n, keys=k))\n'
              'log.warning("No such page: %s", page)\n'
              'parts.append(markup("<p>{}{}</p>", anchor("summary"), escape(text)))\n'
              'size = literal("font-size: large; ")\n'
              'line = markup("<p>{}</p>", _with(heading, "regions", links))\n'
              'button.setToolTip(self.tr("Front") if view == "front" else self.tr("Back"))\n')
    assert bare_literals(source, "x.py") == []


@pytest.mark.skipif(not Path(LUPDATE).exists(), reason="pyside6-lupdate is not installed")
def test_lupdate_extracts_the_ui_strings(tmp_path: Path) -> None:
    target = tmp_path / "needleguide.ts"
    run = subprocess.run([LUPDATE, "-no-obsolete", *_sources(), "-ts", str(target)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    template = target.read_text(encoding="utf-8")
    for context, text in (("SearchBox", "Search nerves, drugs\u2026"),
                          ("NotesPane", "Your notes on {region}"),
                          ("AboutDialog", "Copy &amp;diagnostics"),
                          ("ShortcutsDialog", "Keyboard shortcuts"),
                          ("file_actions", "Export safety sheet as PDF"),
                          ("depth_paint", "tip {length}"),
                          ("muscle_page", "Muscle card \u00b7 region: {regions}")):
        assert f"<name>{context}</name>" in template
        assert f"<source>{text}</source>" in template, text


def test_the_committed_template_is_current(tmp_path: Path) -> None:
    """resources/translations/needleguide.ts holds every string the converted files wrap."""
    if not Path(LUPDATE).exists():
        pytest.skip("pyside6-lupdate is not installed")
    target = tmp_path / "fresh.ts"
    subprocess.run([LUPDATE, "-no-obsolete", *_sources(), "-ts", str(target)],
                   capture_output=True, timeout=120, check=True)
    committed = (ROOT / "resources" / "translations" / "needleguide.ts").read_text("utf-8")
    fresh = {line.strip() for line in target.read_text("utf-8").splitlines()
             if "<source>" in line}
    missing = sorted(s for s in fresh if s not in committed)
    assert not missing, "run `make translations-template`; missing: " + "; ".join(missing[:5])


def _translated_sources(source: str) -> set[str]:
    """The literal texts handed to tr(), translate() and QT_TRANSLATE_NOOP() in ``source``."""
    texts = set()
    for call in ast.walk(ast.parse(source)):
        if isinstance(call, ast.Call) and _name(call) in TRANSLATORS:
            at = 0 if _name(call) in ("tr", "QT_TR_NOOP") else 1
            text = call.args[at] if len(call.args) > at else None
            if isinstance(text, ast.Constant):
                texts.add(str(text.value))
    return texts


def test_lupdate_misses_no_translated_string(tmp_path: Path) -> None:
    """lupdate's Python parser silently drops a translate() call whose count argument is an
    expression: such a string would never reach a translator."""
    if not Path(LUPDATE).exists():
        pytest.skip("pyside6-lupdate is not installed")
    import xml.etree.ElementTree as ET

    target = tmp_path / "fresh.ts"
    subprocess.run([LUPDATE, "-no-obsolete", *_sources(), "-ts", str(target)],
                   capture_output=True, timeout=120, check=True)
    extracted = {m.text or "" for m in ET.parse(target).iter("source")}
    missing = sorted(f"{p.name}: {text!r}" for p in map(Path, _sources())
                     for text in _translated_sources(p.read_text(encoding="utf-8"))
                     if text not in extracted)
    assert not missing, "lupdate did not extract:\n" + "\n".join(missing)


def test_the_missing_string_check_sees_a_dropped_call() -> None:
    assert _translated_sources('translate("ctx", "%n items", "", len(x))\n'
                               'self.tr("Hello")\nlabel.setText("Bare")') == {"%n items",
                                                                             "Hello"}
