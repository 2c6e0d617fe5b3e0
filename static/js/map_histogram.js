// The map's weekly histogram: bars per ISO week over the chosen dates (over every week with
// incidents when none are chosen); dragging across the bars picks dates.
(function () {
  "use strict";

  const { element, svgNode, numbers } = window.IncidentMap;
  const DAY = 86400000;
  const WEEK = 7 * DAY;
  // Without chosen dates, at least a quarter of a year, so a single week does not fill the width.
  const MINIMUM_WEEKS = 13;

  function isoDay(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  function dayTime(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  }

  function mondayOf(time) {
    const weekday = (new Date(time).getUTCDay() + 6) % 7;
    return time - weekday * DAY;
  }

  // [first Monday, last Monday] of the axis: the chosen dates' weeks, or the data's on a side
  // left open.
  function axisWeeks(data, from, to) {
    let first = from !== null ? mondayOf(from) : dayTime(data.weeks[0][0]);
    let last = to !== null ? mondayOf(to) : dayTime(data.weeks[data.weeks.length - 1][0]);
    if (from === null && to === null) {
      const span = Math.round((last - first) / WEEK) + 1;
      if (span < MINIMUM_WEEKS) {
        const before = Math.floor((MINIMUM_WEEKS - span) / 2);
        first -= before * WEEK;
        last += (MINIMUM_WEEKS - span - before) * WEEK;
      }
    }
    return [first, Math.max(first, last)];
  }

  function tickText(date, i, scale) {
    const month = date.toLocaleString("en", { month: "short", timeZone: "UTC" });
    if (scale === "year") {
      return String(date.getUTCFullYear());
    }
    if (scale === "week") {
      return date.getUTCDate() + " " + month + (i === 0 || date.getUTCMonth() === 0 && date.getUTCDate() <= 7 ? " " + date.getUTCFullYear() : "");
    }
    return month + (date.getUTCMonth() === 0 || i === 0 ? " " + date.getUTCFullYear() : "");
  }

  // Draws `data` ({weeks, imprecise}) into `box` for the `filters`; `onPick(from, to)` gets the
  // dates a drag or a click chooses.
  function draw(box, data, filters, onPick) {
    box.textContent = "";
    const from = filters.get("date_from") ? dayTime(filters.get("date_from")) : null;
    const to = filters.get("date_to") ? dayTime(filters.get("date_to")) : null;
    if (!data.weeks.length) {
      box.appendChild(element("p", "empty", "No incidents match these filters in this view."));
      return;
    }
    const [first, last] = axisWeeks(data, from, to);
    const weeks = [];
    for (let t = first; t <= last; t += WEEK) {
      weeks.push(t);
    }
    const counts = new Map(data.weeks.filter(([iso]) => dayTime(iso) >= first && dayTime(iso) <= last));
    const width = box.clientWidth || 600;
    const height = box.clientHeight || 92;
    const top = 12;
    const axis = height - 14;
    const step = width / weeks.length;
    const peak = Math.max(0, ...counts.values());
    const busiest = Array.from(counts).reduce((a, b) => (b[1] > a[1] ? b : a), ["", 0]);
    const svg = svgNode("svg", {
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "data-from": isoDay(first),
      "data-to": isoDay(last + 6 * DAY),
      "aria-label":
        "Incidents per week from " + isoDay(first) + " to " + isoDay(last + 6 * DAY) +
        (peak ? "; the busiest week, starting " + busiest[0] + ", had " + numbers.format(busiest[1]) + "." : "; none."),
    });
    weeks.forEach((t, i) => {
      const iso = isoDay(t);
      const count = counts.get(iso) || 0;
      if (!count) {
        return;
      }
      const imprecise = data.imprecise[iso] || 0;
      const barWidth = Math.max(step - (step > 4 ? 1 : 0), 1);
      const full = ((axis - top) * count) / peak;
      const vague = ((axis - top) * imprecise) / peak;
      const title =
        "Week of " + iso + ": " + numbers.format(count) +
        (imprecise ? " (" + numbers.format(imprecise) + " dated only to the month or year)" : "");
      const bar = (className, y, h) => {
        const rect = svgNode("rect", { class: className, x: (i * step).toFixed(2), y: y.toFixed(2), width: barWidth.toFixed(2), height: h.toFixed(2) });
        rect.appendChild(svgNode("title", {}, title));
        svg.appendChild(rect);
      };
      bar("hist-bar", axis - full, Math.max(full - vague, 0));
      if (imprecise) {
        bar("hist-bar imprecise", axis - full, vague);
      }
    });
    svg.appendChild(svgNode("line", { class: "hist-axis", x1: 0, x2: width, y1: axis + 0.5, y2: axis + 0.5 }));
    svg.appendChild(svgNode("text", { class: "hist-label", x: 2, y: 9 }, peak ? "most in a week: " + numbers.format(peak) : "none in these weeks"));

    // A label per week for a few months, per month for a few years, per year beyond; a label
    // that would run into the one before it (about 5.6 pixels a letter) is left out.
    const scale = weeks.length <= 20 ? "week" : weeks.length <= 80 ? "month" : "year";
    let labelEnd = -Infinity;
    weeks.forEach((t, i) => {
      const date = new Date(t);
      const previous = new Date(t - WEEK);
      const boundary =
        scale === "week" ||
        (scale === "year" ? date.getUTCFullYear() !== previous.getUTCFullYear() : date.getUTCMonth() !== previous.getUTCMonth());
      const x = i * step;
      const text = tickText(date, i, scale);
      if ((boundary || i === 0) && x >= labelEnd && x < width - 30) {
        svg.appendChild(svgNode("line", { class: "hist-axis", x1: x, x2: x, y1: axis, y2: axis + 4 }));
        svg.appendChild(svgNode("text", { class: "hist-label hist-tick", x: x + 2, y: height - 2 }, text));
        labelEnd = x + 2 + text.length * 5.6 + 8;
      }
    });

    const selection = svgNode("rect", { class: "hist-selection", x: 0, y: top - 4, width: 0, height: axis - top + 4 });
    selection.setAttribute("visibility", "hidden");
    svg.appendChild(selection);
    box.appendChild(svg);

    // Dragging across the bars picks the weeks it covers; a click picks one week.
    function weekAt(event) {
      const bounds = svg.getBoundingClientRect();
      const x = ((event.clientX - bounds.left) / bounds.width) * width;
      return Math.min(weeks.length - 1, Math.max(0, Math.floor(x / step)));
    }
    let anchor = null;
    function mark(a, b) {
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      selection.setAttribute("x", (lo * step).toFixed(2));
      selection.setAttribute("width", ((hi - lo + 1) * step).toFixed(2));
      selection.setAttribute("visibility", "visible");
      return [lo, hi];
    }
    svg.addEventListener("pointerdown", (event) => {
      anchor = weekAt(event);
      svg.setPointerCapture(event.pointerId);
      mark(anchor, anchor);
    });
    svg.addEventListener("pointermove", (event) => {
      if (anchor !== null) {
        mark(anchor, weekAt(event));
      }
    });
    svg.addEventListener("pointerup", (event) => {
      if (anchor === null) {
        return;
      }
      const [lo, hi] = mark(anchor, weekAt(event));
      anchor = null;
      onPick(isoDay(weeks[lo]), isoDay(weeks[hi] + 6 * DAY));
    });
    svg.addEventListener("pointercancel", () => {
      anchor = null;
    });
  }

  window.IncidentMap.histogram = { draw: draw };
})();
