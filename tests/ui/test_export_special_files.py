"""Ctrl+E onto a FIFO or a device: the error dialog says why, and the file is left alone
(issue 12, item 5)."""

from __future__ import annotations

import os
import stat

import pytest

from tests.ui.conftest import FakeDialogs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.mark.timeout(60)
def test_exporting_onto_a_fifo_explains_and_leaves_it(qtbot, window, dialogs: FakeDialogs,
                                                     tmp_path, presented):
    fifo = tmp_path / "sheet.pdf"
    os.mkfifo(fifo)
    window.show_region("gluteal")
    dialogs.answer_save(fifo)
    assert window.documents.export_page_pdf() is None
    assert presented and "PDF was not written" in presented[-1].headline
    assert "named pipe (FIFO), not a regular file" in presented[-1].advice
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.timeout(60)
def test_exporting_onto_a_link_to_a_device_explains_and_leaves_it(
        qtbot, window, dialogs: FakeDialogs, tmp_path, presented):
    link = tmp_path / "null.pdf"
    link.symlink_to(os.devnull)
    window.show_region("gluteal")
    dialogs.answer_save(link)
    assert window.documents.export_page_pdf() is None
    assert "a device, not a regular file" in presented[-1].advice
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
