"""Tuning-set diagnostics: per report and field, the expected items no proposal matched and the
proposed items no expectation matched. Run: pytest /work/diag/diag.py -s (from /work/main, copied)."""

import os
import pytest
from extraction.extract import extract
from tests.extraction.test_real_reports import real_lexicon, real_reports, this_incident
from tests.extraction.test_extract_report import FIELDS

pytestmark = pytest.mark.django_db
ONLY_REPORTS = {
    "2023-04-08-sulaimani-airport-drone",
    "2023-11-25-qawqafeen-olive-shelling",
    "2024-02-07-homs-hamra-strikes",
    "2024-05-14-diyala-salahuddin-army-post",
    "2024-09-05-kirkuk-ied-officers",
    "2025-07-28-baghdad-dora-agriculture-clash",
}
ONLY = os.environ.get("FIELDS", "casualty claims,claimants,speakers,people,group roles").split(",")


def test_dump():
    lexicon = real_lexicon()
    for name, text, expected in [r for r in real_reports("tuning") if r[0] in ONLY_REPORTS]:
        proposal = this_incident(extract(text, lexicon).as_dict())
        for field in ONLY:
            exp_items, prop_items, matches = FIELDS[field]
            wanted, got = list(exp_items(expected)), list(prop_items(proposal))
            missed = []
            for item in wanted:
                found = next((g for g in got if matches(item, g)), None)
                if found is None:
                    missed.append(item)
                else:
                    got.remove(found)
            if missed or got:
                print(f"== {name} [{field}]")
                for m in missed:
                    print("   MISSING", m)
                for g in got:
                    print("   EXTRA  ", g)
