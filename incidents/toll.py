"""Derive an incident's toll from the casualty claims made about it.

A claim is one source's figure for one category of people. Claims are grouped into *accounts*:
everything one speaker said in one report (the Pentagon's "two killed, no civilians harmed" is one
account; "police and militia sources: four killed" another). Each account's total killed is its
"all" figure when it gives one, else the sum over its categories when every one of them gives
the figure (otherwise the account gives no total for it). Across accounts:

- low is the smallest account minimum, high the largest account maximum;
- best is the median of the account figures, taking the lower middle one when their number is
  even, so best is always a figure some source gave and leans conservative (as ACLED does);
- contested is true when two accounts give different ranges for killed, injured or civilians.
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields

from incidents.models.choices import CasualtyCategory


@dataclass(frozen=True)
class ClaimFigures:
    account: tuple
    category: str
    killed_min: int | None
    killed_max: int | None
    injured_min: int | None
    injured_max: int | None


@dataclass(frozen=True)
class Toll:
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None
    civilians_killed_low: int | None = None
    civilians_killed_high: int | None = None
    contested: bool = False


# The incident columns a toll fills (Incident keeps one of each), and those of them that are counts.
TOLL_FIELDS = tuple(field.name for field in fields(Toll))
COUNT_FIELDS = tuple(name for name in TOLL_FIELDS if name != "contested")


def _account_total(claims: list[ClaimFigures], low_field: str, high_field: str) -> tuple[int, int] | None:
    stated = [c for c in claims if getattr(c, low_field) is not None]
    totals = [c for c in stated if c.category == CasualtyCategory.ALL]
    if totals:
        # A stated total wins over a breakdown, which would double count it.
        return min(getattr(c, low_field) for c in totals), max(_high(c, low_field, high_field) for c in totals)
    if not stated or len(stated) < len(claims):
        # A breakdown adds up to a total only when every part of it gives the figure: "no civilians
        # injured" says nothing of how many fighters were.
        return None
    return sum(getattr(c, low_field) for c in stated), sum(_high(c, low_field, high_field) for c in stated)


def _high(claim: ClaimFigures, low_field: str, high_field: str) -> int:
    # "At least 100" has no stated maximum; its minimum is the most it is evidence for.
    high = getattr(claim, high_field)
    return getattr(claim, low_field) if high is None else high


def _lower_median(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def _combine(ranges: list[tuple[int, int]]) -> tuple[int | None, int | None, int | None, bool]:
    if not ranges:
        return None, None, None, False
    low = min(r[0] for r in ranges)
    high = max(r[1] for r in ranges)
    best = _lower_median([r[0] for r in ranges])
    return low, best, high, len(set(ranges)) > 1


def derive_toll(claims: Iterable[ClaimFigures]) -> Toll:
    accounts: dict[tuple, list[ClaimFigures]] = {}
    for claim in claims:
        accounts.setdefault(claim.account, []).append(claim)

    killed, injured, civilians = [], [], []
    for account_claims in accounts.values():
        if (total := _account_total(account_claims, "killed_min", "killed_max")) is not None:
            killed.append(total)
        if (total := _account_total(account_claims, "injured_min", "injured_max")) is not None:
            injured.append(total)
        civilian_claims = [c for c in account_claims if c.category == CasualtyCategory.CIVILIANS]
        if (total := _account_total(civilian_claims, "killed_min", "killed_max")) is not None:
            civilians.append(total)

    k_low, k_best, k_high, k_contested = _combine(killed)
    i_low, i_best, i_high, i_contested = _combine(injured)
    c_low, _, c_high, c_contested = _combine(civilians)
    return Toll(
        killed_low=k_low,
        killed_best=k_best,
        killed_high=k_high,
        injured_low=i_low,
        injured_best=i_best,
        injured_high=i_high,
        civilians_killed_low=c_low,
        civilians_killed_high=c_high,
        contested=k_contested or i_contested or c_contested,
    )
