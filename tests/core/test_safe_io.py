"""Reading never hangs or floods memory, and writing never replaces a device or a FIFO."""

from __future__ import annotations

import os

import pytest

from needleguide.core import safe_io

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.mark.timeout(20)
def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(safe_io.NotRegularFileError) as caught:
        safe_io.read_regular(fifo, 1000)
    assert caught.value.what == "a named pipe (FIFO)"
    assert "not a regular file" in str(caught.value.strerror)


@pytest.mark.timeout(20)
def test_an_endless_device_is_refused_without_reading_it():
    with pytest.raises(safe_io.NotRegularFileError) as caught:
        safe_io.read_regular("/dev/zero", 1000)
    assert caught.value.what == "a device"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(safe_io.NotRegularFileError) as caught:
        safe_io.read_regular(tmp_path, 1000)
    assert caught.value.what == "a folder"


def test_an_oversized_file_is_reported_with_its_real_size(tmp_path):
    big = tmp_path / "big"
    with open(big, "wb") as out:
        out.truncate(5_000_000)  # sparse: the size is real, the disk is not used
    with pytest.raises(safe_io.FileTooLargeError) as caught:
        safe_io.read_regular(big, 1000)
    assert (caught.value.size, caught.value.limit) == (5_000_000, 1000)
    assert "5,000,000 bytes" in str(caught.value.strerror)


def test_a_regular_file_up_to_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "ok"
    path.write_bytes(b"x" * 1000)
    assert safe_io.read_regular(path, 1000) == b"x" * 1000
    assert safe_io.read_regular(path, 5000) == b"x" * 1000


def test_a_missing_file_is_the_usual_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        safe_io.read_regular(tmp_path / "nope", 10)


def test_only_new_paths_and_regular_files_may_be_written(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    regular = tmp_path / "old.pdf"
    regular.write_bytes(b"%PDF")
    link = tmp_path / "link.pdf"
    link.symlink_to("/dev/null")
    assert safe_io.write_target_problem(tmp_path / "new.pdf") == ""
    assert safe_io.write_target_problem(regular) == ""
    for special, what in ((fifo, "a named pipe (FIFO)"), ("/dev/null", "a device"),
                          (link, "a device"), (tmp_path, "a folder")):
        assert what in safe_io.write_target_problem(special)
