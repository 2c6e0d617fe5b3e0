"""The garbage collector during an import: paused, cycles still freed each batch, restored even after a failure."""

import gc
import weakref

import pytest

from benchmarks.data import write_acled_csv
from datasets import importing
from datasets.acled import import_acled
from datasets.csvtable import BadFile
from tests.datasets.copy_checks import LAYOUT_2020, _read, _write

pytestmark = pytest.mark.django_db


def test_the_collector_is_paused_for_an_import_and_cycles_are_still_freed_each_batch():
    class Node:
        pass

    assert gc.isenabled()
    with importing.collector_paused():
        with importing.collector_paused():  # a second import at once
            assert not gc.isenabled()
            assert gc.get_freeze_count() > 0
            node = Node()
            node.itself = node  # a cycle: only the collector frees it
            gone = weakref.ref(node)
            del node
            assert gone() is not None
            importing.collect_batch()
            assert gone() is None
        assert not gc.isenabled()  # the first import still runs
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0

    gc.disable()
    try:
        with importing.collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()

    # What someone else froze stays frozen.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with importing.collector_paused():
            assert not gc.isenabled()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_an_import_collects_after_every_batch_and_restores_the_collector_even_when_it_fails(tmp_path, monkeypatch):
    header, rows = _read(write_acled_csv(tmp_path / "generated.csv", 1_200))
    path = _write(tmp_path / "many.csv", header, rows)
    collected = []
    real = importing.collect_batch
    monkeypatch.setattr(importing, "collect_batch", lambda: collected.append(gc.isenabled()) or real())

    result = import_acled(path, batch_size=500)

    assert result.new == 1_200
    assert collected == [False, False]  # after each full batch, with the collector paused
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write(LAYOUT_2020.read_text(encoding="utf-8").splitlines()[1] + "\n")  # a row in another layout
    with pytest.raises(BadFile):
        import_acled(path, batch_size=500)
    assert gc.isenabled() and gc.get_freeze_count() == 0
