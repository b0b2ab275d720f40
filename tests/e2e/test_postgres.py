"""The same project on a shared PostgreSQL server: migrations, import, counts, search, locks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.core.dto import ClaimFilter
from desktop.core.errors import StaleVersion
from desktop.core.service import Service
from tests.conftest import SEEDS

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_service(pg_url: str) -> Iterator[Service]:
    service = Service.open(pg_url)
    yield service
    service.close()


def test_seeds_on_postgres_match_sqlite(pg_service: Service, seeded: Service) -> None:
    report = pg_service.import_paths([SEEDS])
    assert report.count("imported") == 5

    def summary(service: Service) -> list[tuple[str, int, int, int, bool]]:
        return sorted((c.text, c.n_sources, c.n_articles, c.n_origins, c.has_conflict)
                      for c in service.claims())

    assert summary(pg_service) == summary(seeded)
    assert pg_service.import_paths([SEEDS]).count("duplicate") == 5


def test_text_filter_and_search_use_postgres_text_search(pg_service: Service) -> None:
    pg_service.import_paths([SEEDS])
    assert any(c.has_conflict for c in pg_service.claims(ClaimFilter(text="DPRK soldiers died")))
    hits = pg_service.search("around 600 North Korean soldiers killed in Kursk")
    assert {h.article_id for h in hits} >= {1, 2, 5}


def test_optimistic_lock_between_two_colleagues(pg_service: Service, pg_url: str) -> None:
    pg_service.import_paths([SEEDS])
    claim = pg_service.claims(ClaimFilter(conflicts_only=True))[0]
    colleague = Service.open(pg_url)
    try:
        colleague.set_verdict(claim.id, "disputed", by="ana", expected_version=claim.version)
        with pytest.raises(StaleVersion, match="changed by ana"):
            pg_service.set_verdict(claim.id, "confirmed", by="ben",
                                   expected_version=claim.version)
    finally:
        colleague.close()
    assert pg_service.claim(claim.id).claim.verdict == "disputed"
