"""The report text with every match of its proposal highlighted, for the review page."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The kinds of span that are an item's own mention; the others are words around it.
MENTION_KINDS = {"date", "place", "group", "person", "claim", "statement", "event", "means"}
KIND_LABELS = {
    "date": "date",
    "time": "time",
    "place": "place",
    "group": "armed group",
    "cue": "role cue",
    "person": "person",
    "claim": "casualty figure",
    "claimant": "who gives the figure",
    "statement": "quotation",
    "speaker": "speaker",
    "event": "event type",
    "means": "means",
}


def highlight_spans(proposal: dict) -> list[tuple[str, str, str, int, int]]:
    """(item id, kind, label, start, end) for every span of the proposal."""
    spans = []

    def add(item, kind, label, ranges):
        spans.extend((item, kind, label, start, end) for start, end in ranges)

    for i, d in enumerate(proposal["dates"]):
        add(f"d{i}", "date", f"{d['role']} date {d['start']}", d["spans"])
        add(f"d{i}", "time", f"time {d['time_utc']} UTC", d["time_spans"])
    for i, p in enumerate(proposal["places"]):
        add(f"pl{i}", "place", p["name"], p["spans"])
    for i, g in enumerate(proposal["groups"]):
        add(f"g{i}", "group", g["name"], g["spans"])
        for role in g["roles"]:
            add(f"g{i}", "cue", f"{g['name']}: {role['role']}", role["spans"])
    for i, p in enumerate(proposal["people"]):
        add(f"p{i}", "person", p["name"], p["spans"])
    for i, c in enumerate(proposal["casualty_claims"]):
        add(f"c{i}", "claim", f"{c['outcome']} {c['min']}–{c['max']} ({c['category']})", c["spans"])
        add(f"c{i}", "claimant", f"claimant: {c['claimant']}", c["claimant_spans"])
    for i, s in enumerate(proposal["statements"]):
        add(f"s{i}", "statement", f"statement ({s['stance']})", s["spans"])
        add(f"s{i}", "speaker", f"speaker: {s['speaker']}", s["speaker_spans"])
    if proposal["event_type"]:
        event = proposal["event_type"]
        add("ev", "event", f"{event['event_type']}: {event['sub_event_type']}", event["spans"])
    for i, m in enumerate(proposal["means"]):
        add(f"m{i}", "means", m["means"], m["spans"])
    return spans


def highlight(text: str, spans) -> str:
    """The text, escaped, with <mark> around every span and an anchor where each item is first named.

    Where spans overlap, each piece of text is marked once with every item covering it; its
    colour is that of the narrowest span, the most specific match. `data-starts` names the items
    one of whose own mentions (not a cue, a time or a source around it) starts there.
    """
    spans = [(item, kind, label, max(0, s), min(len(text), e)) for item, kind, label, s, e in spans]
    spans = [span for span in spans if span[3] < span[4]]
    starts = {}
    for item, kind, _, start, _ in sorted(spans, key=lambda span: span[3]):
        if kind in MENTION_KINDS:
            starts.setdefault(start, []).append(item)
    anchors = {}
    for item, _, _, start, _ in sorted(spans, key=lambda span: (span[1] not in MENTION_KINDS, span[3])):
        anchors.setdefault(item, start)
    cuts = sorted({0, len(text), *(s for *_, s, _ in spans), *(e for *_, e in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        for item, at in anchors.items():
            if at == start:
                pieces.append(format_html('<span class="ingest-anchor" id="at-{}"></span>', item))
        covering = sorted((e - s, item, kind, label) for item, kind, label, s, e in spans if s <= start and end <= e)
        if not covering:
            pieces.append(format_html("{}", text[start:end]))
            continue
        items = list(dict.fromkeys(item for _, item, _, _ in covering))
        titles = list(dict.fromkeys(f"{label} ({KIND_LABELS[kind]})" for _, _, kind, label in covering))
        pieces.append(
            format_html(
                '<mark class="hl hl-{}" data-items="{}"{} title="{}">{}</mark>',
                covering[0][2],
                " ".join(items),
                format_html(' data-starts="{}"', " ".join(dict.fromkeys(starts[start]))) if start in starts else "",
                "; ".join(titles),
                text[start:end],
            )
        )
    return mark_safe("".join(pieces))  # noqa: S308 - every piece went through format_html


def item_labels(spans) -> dict[str, str]:
    labels = {}
    for item, kind, label, _, _ in spans:
        labels.setdefault(item, f"{KIND_LABELS[kind]}: {label}")
    return labels
