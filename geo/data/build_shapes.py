"""Polygon helpers for the geodata build: rings, dissolving shared borders, rounding, checks,
point-in-polygon and distances; part of the build run by build_geodata.py.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

DECIMALS = 4


# ---------------------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------------------


def signed_area(ring) -> float:
    """Shoelace area; positive for counter-clockwise rings. The ring may or may not be closed."""
    total = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        total += x1 * y2 - x2 * y1
    return total / 2.0


def open_ring(ring):
    pts = [(float(p[0]), float(p[1])) for p in ring]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


def ring_contains(ring, x: float, y: float) -> bool:
    """Even-odd ray casting against an open ring of (x, y) tuples."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def feature_polygons(geometry):
    """Polygons of a GeoJSON geometry as lists of open rings."""
    if geometry["type"] == "Polygon":
        polys = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polys = geometry["coordinates"]
    else:
        raise ValueError(f"unexpected geometry type {geometry['type']}")
    return [[open_ring(r) for r in poly] for poly in polys]


def _turn(a, b, c) -> float:
    """Signed angle of the turn a -> b -> c; positive to the left."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    ex, ey = c[0] - b[0], c[1] - b[1]
    return math.atan2(dx * ey - dy * ex, dx * ex + dy * ey)


def dissolve(polygons):
    """Union of polygons that share edges exactly, as a list of polygons (lists of open rings).

    Every ring is oriented (exteriors CCW, holes CW) and cut into directed edges; an edge
    whose reverse also occurs is interior to the union and is dropped. The remaining edges
    are chained back into rings, turning as far left as possible where several continue
    from one vertex, so pinch points split into separate rings rather than self-touching.
    """
    edges = Counter()
    for poly in polygons:
        for k, ring in enumerate(poly):
            ccw = signed_area(ring) > 0
            if (k == 0) != ccw:
                ring = ring[::-1]
            for i in range(len(ring)):
                a, b = ring[i], ring[(i + 1) % len(ring)]
                if a != b:
                    edges[(a, b)] += 1
    for a, b in list(edges):
        if (a, b) in edges and (b, a) in edges:
            n = min(edges[(a, b)], edges[(b, a)])
            for e in ((a, b), (b, a)):
                edges[e] -= n
                if edges[e] == 0:
                    del edges[e]
    outgoing = defaultdict(list)
    for (a, b), n in edges.items():
        outgoing[a].extend([b] * n)
    for a in outgoing:
        outgoing[a].sort()

    rings = []
    while outgoing:
        start = min(outgoing)
        ring = [start]
        prev, cur = None, start
        while True:
            options = outgoing[cur]
            if prev is None or len(options) == 1:
                nxt = options[0]
            else:
                nxt = max(options, key=lambda p, a=prev, b=cur: (_turn(a, b, p), p))
            options.remove(nxt)
            if not options:
                del outgoing[cur]
            prev, cur = cur, nxt
            if cur == start:
                break
            ring.append(cur)
        if len(ring) >= 3:
            rings.append(ring)
    return assemble(rings)


def assemble(rings):
    """Group oriented open rings into polygons: CCW rings are exteriors, CW rings holes."""
    exteriors = [r for r in rings if signed_area(r) > 0]
    holes = [r for r in rings if signed_area(r) < 0]
    exteriors.sort(key=lambda r: (-abs(signed_area(r)), r[0]))
    polys = [[ext] for ext in exteriors]
    for hole in holes:
        owner = None
        for idx, ext in enumerate(exteriors):
            # A vertex of the hole strictly inside the exterior (holes may touch it).
            votes = [ring_contains(ext, x, y) for (x, y) in hole[: min(len(hole), 25)]]
            inside = sum(votes) * 2 > len(votes)
            if inside and (owner is None or abs(signed_area(ext)) < abs(signed_area(exteriors[owner]))):
                owner = idx
        if owner is None:
            raise ValueError("hole without exterior")
        polys[owner].append(hole)
    for poly in polys:
        poly[1:] = sorted(poly[1:], key=lambda r: (-abs(signed_area(r)), r[0]))
    return polys


def round_ring(ring):
    """Round to DECIMALS, dropping repeated points and back-and-forth spikes."""
    pts = []
    for x, y in ring:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not pts or pts[-1] != p:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        n = len(pts)
        for i in range(n):
            if pts[i - 1] == pts[(i + 1) % n]:
                # spike a -> b -> a: drop b and one a
                drop = {i, (i + 1) % n}
                pts = [p for k, p in enumerate(pts) if k not in drop]
                changed = True
                break
    return pts


def round_polygons(polys):
    out = []
    for poly in polys:
        rings = [round_ring(r) for r in poly]
        if len(rings[0]) < 3 or signed_area(rings[0]) <= 0:
            continue
        kept = [rings[0]] + [r for r in rings[1:] if len(r) >= 3 and signed_area(r) < 0]
        out.append(kept)
    return out


def _segments_cross(p1, p2, p3, p4) -> bool:
    """Whether segments p1p2 and p3p4 meet anywhere (including touching)."""

    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    def on_seg(a, b, c):
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])

    o1, o2, o3, o4 = orient(p1, p2, p3), orient(p1, p2, p4), orient(p3, p4, p1), orient(p3, p4, p2)
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and on_seg(p1, p2, p3))
        or (o2 == 0 and on_seg(p1, p2, p4))
        or (o3 == 0 and on_seg(p3, p4, p1))
        or (o4 == 0 and on_seg(p3, p4, p2))
    )


def self_intersections(polys, cell: float = 0.05) -> int:
    """Count pairs of non-adjacent ring edges that meet, within and between rings of a geometry.

    Rings of one polygon, or of different polygons, may touch at single shared vertices
    (valid in OGC terms); that is not counted. A grid of cells keeps it fast.
    """
    segs = []
    for pi, poly in enumerate(polys):
        for ri, ring in enumerate(poly):
            n = len(ring)
            for i in range(n):
                segs.append((pi, ri, i, n, ring[i], ring[(i + 1) % n]))
    grid = defaultdict(list)
    for idx, (_, _, _, _, a, b) in enumerate(segs):
        for gx in range(int(math.floor(min(a[0], b[0]) / cell)), int(math.floor(max(a[0], b[0]) / cell)) + 1):
            for gy in range(int(math.floor(min(a[1], b[1]) / cell)), int(math.floor(max(a[1], b[1]) / cell)) + 1):
                grid[(gx, gy)].append(idx)
    bad = set()
    for bucket in grid.values():
        for x in range(len(bucket)):
            for y in range(x + 1, len(bucket)):
                i, j = bucket[x], bucket[y]
                if (i, j) in bad:
                    continue
                pi, ri, ki, n, a, b = segs[i]
                pj, rj, kj, m, c, d = segs[j]
                if (pi, ri) == (pj, rj) and (abs(ki - kj) == 1 or abs(ki - kj) == n - 1):
                    continue  # consecutive edges of one ring share a vertex
                if not _segments_cross(a, b, c, d):
                    continue
                shared = {a, b} & {c, d}
                if shared and len(shared) == 1:
                    # Touch at one shared vertex: fine unless the edges overlap collinearly.
                    (s,) = shared
                    u = b if a == s else a
                    v = d if c == s else c
                    cross = (u[0] - s[0]) * (v[1] - s[1]) - (u[1] - s[1]) * (v[0] - s[0])
                    dot = (u[0] - s[0]) * (v[0] - s[0]) + (u[1] - s[1]) * (v[1] - s[1])
                    if cross != 0 or dot < 0:
                        continue
                bad.add((i, j))
    return len(bad)


def to_geojson_multipolygon(polys):
    return {
        "type": "MultiPolygon",
        "coordinates": [[[list(p) for p in ring + [ring[0]]] for ring in poly] for poly in polys],
    }


def bbox_of(polys):
    xs = [p[0] for poly in polys for ring in poly for p in ring]
    ys = [p[1] for poly in polys for ring in poly for p in ring]
    return [min(xs), min(ys), max(xs), max(ys)]


def multipolygon_contains(polys, x, y) -> bool:
    return any(ring_contains(p[0], x, y) and not any(ring_contains(h, x, y) for h in p[1:]) for p in polys)


def _point_segment_distance(px, py, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def boundary_distance(polys, lon, lat) -> float:
    """Distance in degrees from the point to the nearest ring edge."""
    best = math.inf
    for poly in polys:
        for ring in poly:
            for i in range(len(ring)):
                best = min(best, _point_segment_distance(lon, lat, ring[i], ring[(i + 1) % len(ring)]))
    return best


def fmt_coord(value: float) -> str:
    return repr(round(float(value), 6))
