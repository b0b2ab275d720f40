"""Importing: articles, copies, duplicates, bad files in a batch, determinism."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.models import Article, Claim, Mention, Sentence
from desktop.core.progress import CancellableProgress
from desktop.core.service import Service
from desktop.core.wording import article_name
from tests.conftest import DATA, SEEDS


def _counts(service: Service) -> tuple[int, int, int, int]:
    with service.db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(t))  # type: ignore[return-value]
                     for t in (Article, Sentence, Claim, Mention))


def test_seeds_import_with_one_near_copy(service: Service) -> None:
    report = service.import_paths([SEEDS])
    assert report.count("imported") == 5
    copies = [i for i in report.items if i.copy_of is not None]
    assert [(Path(i.path).name[:3], i.copy_of) for i in copies] == [("001", 1)]
    stats = service.stats()
    assert (stats.articles, stats.origins) == (5, 4)


def _origins(service: Service) -> dict[str, str]:
    """Each seed file's article, named by its file, mapped to its copy set's origin."""
    with service.db.read() as session:
        rows = session.execute(select(Article.id, Article.path, Article.origin_id)).all()
    name = {article_id: Path(path).name[:3] for article_id, path, _ in rows}
    return {name[article_id]: name[origin] for article_id, _, origin in rows}


def test_the_earlier_dated_near_copy_is_the_origin_whatever_the_import_order(
        tmp_path: Path) -> None:
    """000 (dated 26 June) holds 001 (dated 6 June) and more: 001 is the original, so the
    copy is 000, not whichever file came first."""
    orders = ([SEEDS], [SEEDS / "001_4700b357f6aa5ab5.txt", SEEDS / "000_a268c1589145ab67.txt"])
    results = []
    for number, paths in enumerate(orders):
        service = Service.open(tmp_path / f"order{number}.sqlite")
        service.import_paths(paths)
        results.append(_origins(service))
        assert service.check().problems == (), "counts by origin follow the new origin"
        service.close()
    for origins in results:
        assert origins["000"] == "001" and origins["001"] == "001"


def test_reimport_is_a_reported_no_op(seeded: Service) -> None:
    before = _counts(seeded)
    report = seeded.import_paths([SEEDS / "002_dcfad5aa4b6c51f2.txt"])
    assert report.items[0].status == "duplicate"
    assert report.items[0].article_id == 3
    assert _counts(seeded) == before


def test_sentence_offsets_point_into_the_stored_body(seeded: Service) -> None:
    with seeded.db.read() as session:
        for body, start, end, text in session.execute(
                select(Article.body, Sentence.start, Sentence.end, Sentence.text)
                .join(Sentence, Sentence.article_id == Article.id)):
            assert body[start:end] == text


def test_bad_files_fail_alone_and_the_rest_imports(service: Service, tmp_path: Path) -> None:
    service.import_paths([SEEDS / "000_a268c1589145ab67.txt"])
    before = _counts(service)
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a_empty.txt").write_bytes(b"")
    (batch / "b_binary.txt").write_bytes(bytes(range(256)) * 50)
    (batch / "c_broken.docx").write_bytes(b"not a zip")
    with (batch / "d_huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (batch / "e_utf16.txt").write_text("Kim Jong Un met Sergei Shoigu in Pyongyang on "
                                       "Wednesday, state media reported.", encoding="utf-16")
    (batch / "f_legacy.txt").write_bytes("Shoigu’s visit lasted two days, officials "
                                         "in Seoul said on Friday.".encode("cp1252"))
    (batch / "g_nocolumn.csv").write_text("id,body\n1,x\n", encoding="utf-8")
    report = service.import_paths([batch], text_column="story")
    status = {Path(i.path).name: (i.status, i.reason) for i in report.items}
    assert status["a_empty.txt"] == ("failed", "empty file, nothing to import")
    assert "binary" in status["b_binary.txt"][1]
    assert "not a valid .docx" in status["c_broken.docx"][1]
    assert "too large" in status["d_huge.txt"][1]
    assert "no column 'story'" in status["g_nocolumn.csv"][1]
    assert status["e_utf16.txt"][0] == status["f_legacy.txt"][0] == "imported"
    after = _counts(service)
    assert after[0] == before[0] + 2
    assert all(a >= b for a, b in zip(after, before, strict=True))


def test_fnc1_rows_keep_their_ids(service: Service) -> None:
    report = service.import_paths([DATA / "fnc1_bodies_slice.csv"], source="FNC-1")
    assert report.count("imported") == 5
    rows = service.articles()
    assert sorted(r.external_id for r in rows) == ["0", "4", "5", "6", "7"]
    assert {r.source for r in rows} == {"FNC-1"}


def test_an_untitled_file_is_named_by_its_file(service: Service, tmp_path: Path) -> None:
    """trial11: seven untitled .txt files were listed as "Article #1" to "#7"; a CSV row
    without an id keeps its number (the file's name would name every row alike)."""
    (tmp_path / "meteorite.txt").write_text(
        "A small meteorite struck near Managua's international airport on Saturday night, "
        "leaving a crater 12 metres wide, the Nicaraguan army said on Monday.",
        encoding="utf-8")
    (tmp_path / "rows.csv").write_text(
        "text\n\"Police in Texas said on Monday that 10 men were detained at the border "
        "crossing near El Paso.\"\n", encoding="utf-8")
    service.import_paths([tmp_path])
    names = {article_name(a.title, a.external_id, a.id, a.path) for a in service.articles()}
    assert "meteorite.txt" in names
    assert any(name.startswith("Article #") for name in names)
    hit = service.search("a meteorite struck near Managua airport")[0]
    assert article_name(hit.title, hit.external_id, hit.article_id, hit.path) == "meteorite.txt"


def test_same_files_same_order_same_claims(tmp_path: Path, db_template: Path) -> None:
    results = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.sqlite"
        shutil.copy(db_template, path)
        service = Service.open(path)
        service.import_paths([SEEDS])
        results.append([(c.id, c.text, c.n_articles, c.n_origins) for c in service.claims()])
        service.close()
    assert results[0] == results[1]


def test_cancel_keeps_what_was_committed(service: Service) -> None:
    class StopAfterTwo(CancellableProgress):
        def report(self, done: int, total: int, label: str = "") -> None:
            if done == 2:
                self.cancel()

    report = service.import_paths([SEEDS], progress=StopAfterTwo())
    assert report.cancelled
    assert report.count("imported") == 2
    assert service.stats().articles == 2


def test_worker_processes_give_the_same_claims(tmp_path: Path, db_template: Path,
                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A batch big enough for the analysis workers yields what in-process analysis does."""
    from desktop.core.service import analysis_pool

    rows = ["id,text"] + [
        f'{i},"Report {i}. Officials in Kyiv said {i % 9 + 2} soldiers were killed near Kursk on '
        f'{("Monday", "Friday")[i % 2]}. The ministry confirmed talks with NATO in Brussels."'
        for i in range(60)]
    corpus = tmp_path / "many.csv"
    corpus.write_text("\n".join(rows), encoding="utf-8")
    results = []
    for name, minimum in (("workers", 48), ("inline", 10_000)):
        monkeypatch.setattr(analysis_pool, "MIN_PARALLEL", minimum)
        path = tmp_path / f"{name}.sqlite"
        shutil.copy(db_template, path)
        service = Service.open(path)
        report = service.import_paths([corpus])
        results.append(([i.status for i in report.items],
                        [(c.text, c.n_articles, c.has_conflict) for c in service.claims()]))
        service.close()
    assert results[0] == results[1]
    assert results[0][0].count("imported") == 60


def test_an_import_leaves_nothing_out_of_the_garbage_collectors_reach(
        service: Service) -> None:
    """The import freezes its long-lived index from the collector batch by batch; the
    window's process must get every object back when it ends, or memory would only grow."""
    before = gc.get_freeze_count()
    service.import_paths([SEEDS])
    assert gc.get_freeze_count() == before == 0
