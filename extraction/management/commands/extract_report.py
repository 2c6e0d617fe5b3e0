import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from extraction.extract import extract
from extraction.header import decode_report
from extraction.lexicon import build_lexicon
from extraction.proposal import ExtractionError, Proposal


class Command(BaseCommand):
    help = (
        "Read a news report (plain text starting with 'date YYYY-MM-DD') and print what it proposes: dates, "
        "places, armed groups, people, casualty claims, statements, event type and means. Nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the report: UTF-8 (with or without BOM) or Windows-1252 text")
        parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            proposal = extract(decode_report(data), build_lexicon())
        except ExtractionError as exc:
            raise CommandError(f"{path}: {exc}") from None
        if options["json"]:
            self.stdout.write(json.dumps(proposal.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render(proposal))


def _figure(low, high) -> str:
    if low == high:
        return str(low)
    if high is None:
        return f"at least {low}"
    return f"up to {high}" if low is None else f"{low}-{high}"


def render(proposal: Proposal) -> str:
    """The proposal as a reviewer reads it: one line per item, what the text says in quotes."""
    lines = [f"Published {proposal.publication_date}" + (f" - {proposal.title}" if proposal.title else "")]
    if proposal.outlet or proposal.url:
        lines.append("  " + " ".join(part for part in (proposal.outlet, proposal.url) if part))

    def section(title, items):
        lines.append(f"\n{title}:")
        lines.extend(f"  - {item}" for item in items)
        if not items:
            lines.append("  (none found)")

    dates = []
    for d in proposal.dates:
        span = d.start if d.start == d.end else f"{d.start} to {d.end}"
        line = f'{span} ({d.precision} precision, {d.role}) "{d.text}"'
        if d.time_utc:
            line += f', {"about " if d.time_approximate else ""}{d.time_utc} UTC "{d.time_text}"'
        dates.append(line)
    section("Dates", dates)
    places = []
    for p in proposal.places:
        if p.matched:
            where = ", ".join(
                part for part in (p.governorate and f"{p.governorate} ({p.governorate_code})", p.country) if part
            )
            line = f"{p.name} [{p.kind}] in {where}"
            if p.latitude is not None:
                line += f" at {p.latitude:.4f}, {p.longitude:.4f}"
        else:
            line = f"{p.name} (not in the gazetteer)"
        places.append(line + f' "{p.text}"' + (" (dateline)" if p.dateline else ""))
    section("Places", places)
    groups = []
    for g in proposal.groups:
        line = g.name + (" (new group)" if g.new else "")
        if g.roles:
            line += ": " + "; ".join(f'{r.role} ({r.attribution}, "{r.cue}")' for r in g.roles)
        groups.append(line + f' "{g.text}"')
    section("Armed groups", groups)
    section(
        "People",
        [
            ", ".join(part for part in (p.name, p.title, p.role, p.group or p.body) if part) + f' "{p.text}"'
            for p in proposal.people
        ],
    )
    claims = []
    for c in proposal.casualty_claims:
        who = c.claimant or "the report itself"
        line = f"{c.outcome} {_figure(c.min, c.max)} ({c.category}{', ' + c.group if c.group else ''}) per {who}"
        if c.confirmed_by:
            line += f", confirmed by {', '.join(c.confirmed_by)}"
        claims.append(line + (" [earlier event]" if c.earlier_event else "") + f' "{c.text}"')
    section("Casualty claims", claims)
    section(
        "Statements",
        [
            f"{s.stance}: {s.speaker or 'speaker not found'}"
            + (f" ({s.speaker_title})" if s.speaker_title and s.speaker_title != s.speaker else "")
            + (f" for {s.body}" if s.body else "")
            + f': "{s.quote}"'
            for s in proposal.statements
        ],
    )
    event = proposal.event_type
    lines.append("\nEvent type:")
    if event:
        pair = " -> ".join(part for part in (event.perpetrator, event.target) if part)
        lines.append(f'  {event.event_type} / {event.sub_event_type} "{event.text}"' + (f" ({pair})" if pair else ""))
    else:
        lines.append("  (none found)")
    section("Means", [f'{m.means} "{m.text}"' for m in proposal.means])
    if proposal.warnings:
        section("Warnings", proposal.warnings)
    return "\n".join(lines)
