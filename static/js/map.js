// The researchers' map: incidents for the filters and the view, a weekly histogram, and the
// whole state (filters, centre, zoom) kept in the address so a link reopens the same map.
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("map-config").textContent);
  const form = document.getElementById("map-filters");
  const countBox = document.getElementById("map-count");
  const errorBox = document.getElementById("map-errors");
  const listBox = document.getElementById("incident-list");
  const listNote = document.getElementById("incident-list-note");
  const histogramBox = document.getElementById("histogram");
  const clearDates = document.getElementById("clear-dates");
  const DAY = 86400000;
  const LIST_LIMIT = 200;
  const POPUP_LIMIT = 20;
  const numbers = new Intl.NumberFormat("en");
  const hasTiles = Boolean(config.tileUrl);

  // ---- The filters and the address -------------------------------------------------------

  function filterParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      // "unknown" is the "Any" choice of the yes/no filters.
      if (value !== "" && value !== "unknown") {
        params.append(name, value);
      }
    }
    return params;
  }

  function withParams(url, params) {
    const query = params.toString();
    return query ? url + "?" + query : url;
  }

  function writeAddress(filters) {
    const params = new URLSearchParams(filters);
    const centre = map.getCenter();
    params.set("lat", centre.lat.toFixed(5));
    params.set("lng", centre.lng.toFixed(5));
    params.set("z", String(map.getZoom()));
    history.replaceState(null, "", "?" + params.toString());
  }

  function viewBox() {
    // Leaflet gives "west,south,east,north", the order the bbox parameter takes.
    return map.getBounds().toBBoxString();
  }

  // `area` is the part of the map the clusters count (whole grid cells, [west, south, east, north]);
  // the list and the exports then hold the same incidents as the count.
  function updateLinks(filters, area) {
    const params = new URLSearchParams(filters);
    params.set("bbox", area ? area.join(",") : viewBox());
    document.getElementById("list-link").href = withParams(config.listUrl, params);
    document.getElementById("csv-link").href = withParams(config.csvUrl, params);
    document.getElementById("geojson-link").href = withParams(config.geojsonUrl, params);
    const active = new Set(filters.keys()).size;
    document.getElementById("filters-active").textContent = active ? "(" + active + " in use)" : "";
    clearDates.hidden = !(filters.get("date_from") || filters.get("date_to"));
  }

  // ---- The map ------------------------------------------------------------------------------

  const map = L.map("map", { minZoom: 3, maxZoom: 18, zoomSnap: 1 });
  const start = new URLSearchParams(location.search);
  const lat = parseFloat(start.get("lat"));
  const lng = parseFloat(start.get("lng"));
  const zoom = parseInt(start.get("z"), 10);
  if (Number.isFinite(lat) && Number.isFinite(lng) && Number.isInteger(zoom) && Math.abs(lat) <= 90) {
    map.setView([lat, lng], Math.min(Math.max(zoom, map.getMinZoom()), map.getMaxZoom()));
  } else {
    map.fitBounds(config.homeBounds);
  }
  if (hasTiles) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(map);
  }

  const BORDERS = {
    covered: { color: "#4a4f55", weight: 1.4, fillColor: "#fbfaf6", fillOpacity: hasTiles ? 0.15 : 1 },
    neighbour: { color: "#7d8288", weight: 1, fillColor: "#e9e7e1", fillOpacity: hasTiles ? 0.1 : 1 },
    governorate: { color: "#8a6d3b", weight: 0.8, dashArray: "3 3", fill: false },
  };
  fetch(config.boundariesUrl, { credentials: "same-origin" })
    .then((response) => response.json())
    .then((data) => {
      L.geoJSON(data, {
        interactive: false,
        attribution: "Borders: Natural Earth",
        style: (feature) => {
          const p = feature.properties;
          if (p.kind === "governorate") {
            return BORDERS.governorate;
          }
          return p.covered ? BORDERS.covered : BORDERS.neighbour;
        },
      }).addTo(map);
      document.getElementById("map").dataset.borders = "drawn";
    });

  // ---- Markers ------------------------------------------------------------------------------

  function markerDiameter(killed) {
    if (killed === null || killed === undefined) {
      return 18;
    }
    return Math.round(Math.min(18 + 2.5 * Math.sqrt(killed), 40));
  }

  function clusterDiameter(count) {
    return Math.round(Math.min(26 + 6 * Math.log10(count), 52));
  }

  function killedText(p) {
    if (p.killed_low === null) {
      return "not reported";
    }
    let text = p.killed_low === p.killed_high ? String(p.killed_low) : p.killed_low + "–" + p.killed_high;
    if (p.killed_low !== p.killed_high && p.killed_best !== null) {
      text += " (best estimate " + p.killed_best + ")";
    }
    return text;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function placeText(p) {
    return [p.place, p.governorate && p.governorate !== p.place ? p.governorate : ""].filter(Boolean).join(", ");
  }

  function popupEntry(p) {
    const article = element("article", "popup-incident");
    const heading = element("h3");
    const link = element("a", "", p.title);
    link.href = p.url;
    heading.appendChild(link);
    article.appendChild(heading);
    article.appendChild(element("p", "muted small", p.public_id + " · " + config.eventTypes[p.event_type].label));
    const rows = element("dl");
    function row(term, value) {
      rows.appendChild(element("dt", "", term));
      const dd = element("dd");
      if (typeof value === "string") {
        dd.textContent = value;
      } else {
        value.forEach((part) => dd.append(part));
      }
      rows.appendChild(dd);
      return dd;
    }
    row("Date", p.date + " (precision: " + config.precisions[p.precision].toLowerCase() + ")");
    row("Place", placeText(p) || "not given");
    row("Who", p.actors);
    const killed = [killedText(p)];
    if (p.contested) {
      killed.push(" ", element("span", "badge badge-contested", "contested"));
    }
    row("Killed", killed);
    article.appendChild(rows);
    return article;
  }

  function markerLabel(p) {
    return (
      p.title + ", " + p.date + ", " + (placeText(p) || "place not given") + ", killed " + killedText(p) +
      (p.contested ? ", contested" : "")
    );
  }

  // Points closer on screen than a marker's width are drawn as one small cluster, so dense places
  // stay readable; incidents at the very same spot (or at the deepest zoom) share one marker whose
  // popup lists them all.
  const SPREAD = 26;

  function screenGroups(features) {
    const zoom = map.getZoom();
    const groups = new Map();
    features.forEach((p) => {
      const at = map.project([p.lat, p.lng], zoom);
      const key = Math.floor(at.x / SPREAD) + ":" + Math.floor(at.y / SPREAD);
      if (!groups.has(key)) {
        groups.set(key, []);
      }
      groups.get(key).push(p);
    });
    return Array.from(groups.values());
  }

  function oneSpot(group) {
    return group.every((p) => p.lat === group[0].lat && p.lng === group[0].lng);
  }

  function summary(group) {
    const lats = group.map((p) => p.lat);
    const lngs = group.map((p) => p.lng);
    return {
      count: group.length,
      killed: group.reduce((sum, p) => sum + (p.killed_best || 0), 0),
      lat: lats.reduce((a, b) => a + b) / group.length,
      lng: lngs.reduce((a, b) => a + b) / group.length,
      bounds: [Math.min(...lats), Math.min(...lngs), Math.max(...lats), Math.max(...lngs)],
    };
  }

  function pointMarker(stack) {
    const lead = stack.reduce((a, b) => ((b.killed_best || 0) > (a.killed_best || 0) ? b : a));
    const killed = stack.every((p) => p.killed_best === null)
      ? null
      : stack.reduce((sum, p) => sum + (p.killed_best || 0), 0);
    const size = markerDiameter(killed);
    const classes = ["incident-marker", "event-" + lead.event_type];
    if (killed === null) {
      classes.push("toll-unknown");
    }
    if (stack.some((p) => p.contested)) {
      classes.push("contested");
    }
    if (stack.length > 1) {
      classes.push("stacked");
    }
    const text = stack.length > 1 ? numbers.format(stack.length) : config.eventTypes[lead.event_type].letter;
    const icon = L.divIcon({
      className: classes.join(" "),
      html: element("span", "", text),
      iconSize: [size, size],
    });
    const label =
      stack.length > 1
        ? numbers.format(stack.length) + " incidents at one place: " + stack.map((p) => p.title).join("; ")
        : markerLabel(lead);
    const marker = L.marker([lead.lat, lead.lng], { icon: icon, keyboard: true, title: label, riseOnHover: true });
    marker.on("add", () => marker.getElement().setAttribute("aria-label", label));
    const content = element("div", "popup-incidents");
    stack.slice(0, POPUP_LIMIT).forEach((p) => content.appendChild(popupEntry(p)));
    if (stack.length > POPUP_LIMIT) {
      const more = element("p", "popup-more", numbers.format(stack.length - POPUP_LIMIT) + " more here. ");
      const link = element("a", "", "List them all");
      const params = filterParams();
      params.set("bbox", [lead.lng, lead.lat, lead.lng, lead.lat].join(","));
      link.href = withParams(config.listUrl, params);
      more.appendChild(link);
      content.appendChild(more);
    }
    marker.bindPopup(content, { maxWidth: 320, minWidth: 220 });
    return marker;
  }

  function clusterMarker(cluster) {
    const size = clusterDiameter(cluster.count);
    const count = numbers.format(cluster.count);
    const here = cluster.count === 1 ? " incident here, " : " incidents here, ";
    const label = count + here + numbers.format(cluster.killed) + " killed (best estimates): zoom in";
    const icon = L.divIcon({ className: "cluster-marker", html: element("span", "", count), iconSize: [size, size] });
    const marker = L.marker([cluster.lat, cluster.lng], { icon: icon, keyboard: true, title: label });
    marker.on("add", () => marker.getElement().setAttribute("aria-label", label));
    function zoomIn() {
      const [south, west, north, east] = cluster.bounds;
      const bounds = L.latLngBounds([south, west], [north, east]);
      const target = Math.min(Math.max(map.getBoundsZoom(bounds.pad(0.2)), map.getZoom() + 1), map.getMaxZoom());
      map.setView(bounds.getCenter(), target);
    }
    marker.on("click", zoomIn);
    marker.on("keypress", (event) => {
      if (event.originalEvent.key === "Enter" || event.originalEvent.key === " ") {
        zoomIn();
      }
    });
    return marker;
  }

  // Markers are kept across refreshes when they stay the same, so an open popup survives the
  // refresh that its own panning triggers.
  let drawn = new Map();
  let pointMarkers = new Map();
  let openWhenDrawn = null;
  let shownPoints = [];
  const markerLayer = L.layerGroup().addTo(map);

  function draw(data) {
    const next = new Map();
    const ids = new Map();
    if (data.mode === "clusters") {
      data.features.forEach((c) => next.set("c" + c.lat + "," + c.lng + "," + c.count, () => clusterMarker(c)));
    } else {
      screenGroups(data.features).forEach((group) => {
        const key = group.map((p) => p.id).join(",");
        if (group.length === 1 || oneSpot(group) || map.getZoom() >= map.getMaxZoom()) {
          next.set("p" + key, () => pointMarker(group));
          ids.set("p" + key, group);
        } else {
          next.set("g" + key, () => clusterMarker(summary(group)));
        }
      });
    }
    const kept = new Map();
    drawn.forEach((marker, key) => {
      if (next.has(key)) {
        kept.set(key, marker);
      } else {
        markerLayer.removeLayer(marker);
      }
    });
    next.forEach((make, key) => {
      if (!kept.has(key)) {
        const marker = make();
        markerLayer.addLayer(marker);
        kept.set(key, marker);
      }
    });
    drawn = kept;
    pointMarkers = new Map();
    ids.forEach((group, key) => group.forEach((p) => pointMarkers.set(p.id, kept.get(key))));
    shownPoints = data.mode === "points" ? data.features : [];
    document.getElementById("map").dataset.mode = data.mode;
    if (openWhenDrawn !== null && pointMarkers.has(openWhenDrawn)) {
      openPopupOf(openWhenDrawn);
    }
    openWhenDrawn = null;
  }

  function openPopupOf(id) {
    const marker = pointMarkers.get(id);
    marker.openPopup();
    const link = marker.getPopup().getElement().querySelector("a");
    if (link) {
      link.focus();
    }
  }

  // The shallowest zoom at which the incident gets a marker of its own (or shares one only with
  // incidents at the very same spot).
  function separatingZoom(p) {
    for (let zoom = map.getZoom() + 1; zoom < map.getMaxZoom(); zoom++) {
      const cell = (q) => {
        const at = map.project([q.lat, q.lng], zoom);
        return Math.floor(at.x / SPREAD) + ":" + Math.floor(at.y / SPREAD);
      };
      const own = cell(p);
      if (shownPoints.every((q) => (q.lat === p.lat && q.lng === p.lng) || cell(q) !== own)) {
        return zoom;
      }
    }
    return map.getMaxZoom();
  }

  // From the list: open the incident's popup, zooming in first when it is inside a cluster.
  function showOnMap(p) {
    if (pointMarkers.has(p.id)) {
      openPopupOf(p.id);
    } else {
      openWhenDrawn = p.id;
      map.setView([p.lat, p.lng], separatingZoom(p));
    }
  }

  function writeCount(data) {
    countBox.textContent = "";
    const noun = data.total === 1 ? " incident matches" : " incidents match";
    // Clusters count the whole grid cells the view touches, so a few may lie just outside it.
    const where = data.mode === "clusters" ? " in and around this view" : " in this view";
    countBox.append(numbers.format(data.total) + noun + where);
    if (data.mode === "clusters") {
      countBox.append(element("span", "muted", "Grouped where dense; zoom in to see single incidents."));
    }
    if (data.unlocated) {
      const more = data.unlocated === 1 ? " more has" : " more have";
      countBox.append(element("span", "muted", numbers.format(data.unlocated) + more + " no coordinates and are not drawn."));
    }
  }

  function writeList(data) {
    listBox.textContent = "";
    document.getElementById("incident-list-count").textContent = "(" + numbers.format(data.total) + ")";
    if (data.mode === "clusters") {
      listNote.textContent = "Too many to list here: zoom in or narrow the filters, or open the incident list.";
      return;
    }
    const features = data.features.slice().sort((a, b) => (a.start_date < b.start_date ? 1 : -1));
    listNote.textContent = features.length
      ? features.length > LIST_LIMIT
        ? "The first " + LIST_LIMIT + " of " + numbers.format(features.length) + "; the incident list has them all."
        : ""
      : "None in this view.";
    features.slice(0, LIST_LIMIT).forEach((p) => {
      const item = element("li");
      const link = element("a", "", p.title);
      link.href = p.url;
      item.appendChild(link);
      item.appendChild(element("span", "meta", [p.date, placeText(p), "killed " + killedText(p)].filter(Boolean).join(" · ")));
      const show = element("button", "link-button", "Show on map");
      show.type = "button";
      show.addEventListener("click", () => showOnMap(p));
      item.appendChild(show);
      listBox.appendChild(item);
    });
  }

  function showErrors(errors) {
    errorBox.textContent = "";
    if (!errors) {
      errorBox.hidden = true;
      return;
    }
    errorBox.appendChild(element("p", "", "Some filters could not be used:"));
    const list = element("ul");
    Object.entries(errors).forEach(([name, messages]) => {
      const item = element("li");
      item.append(element("code", "", name), ": " + [].concat(messages).join(" "));
      list.appendChild(item);
    });
    errorBox.appendChild(list);
    errorBox.hidden = false;
  }

  // ---- The histogram ------------------------------------------------------------------------

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

  function setDates(from, to) {
    form.elements.date_from.value = from;
    form.elements.date_to.value = to;
    refresh();
  }

  function drawHistogram(data, filters) {
    histogramBox.textContent = "";
    if (!data.weeks.length) {
      histogramBox.appendChild(element("p", "empty", "No incidents match these filters in this view."));
      return;
    }
    const counts = new Map(data.weeks);
    let first = dayTime(data.weeks[0][0]);
    let last = dayTime(data.weeks[data.weeks.length - 1][0]);
    // At least a quarter of a year, so a single week does not fill the whole width.
    const minimum = 13;
    const span = Math.round((last - first) / (7 * DAY)) + 1;
    if (span < minimum) {
      const before = Math.floor((minimum - span) / 2);
      first -= before * 7 * DAY;
      last += (minimum - span - before) * 7 * DAY;
    }
    const weeks = [];
    for (let t = first; t <= last; t += 7 * DAY) {
      weeks.push(t);
    }
    const width = histogramBox.clientWidth || 600;
    const height = histogramBox.clientHeight || 92;
    const top = 12;
    const axis = height - 14;
    const step = width / weeks.length;
    const peak = Math.max(...data.weeks.map((w) => w[1]));
    const from = filters.get("date_from") ? dayTime(filters.get("date_from")) : null;
    const to = filters.get("date_to") ? dayTime(filters.get("date_to")) : null;

    const NS = "http://www.w3.org/2000/svg";
    function svgNode(tag, attributes, text) {
      const node = document.createElementNS(NS, tag);
      Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
      if (text !== undefined) {
        node.textContent = text;
      }
      return node;
    }
    const busiest = data.weeks.reduce((a, b) => (b[1] > a[1] ? b : a));
    const svg = svgNode("svg", {
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-label":
        "Incidents per week from " + data.weeks[0][0] + " to " + data.weeks[data.weeks.length - 1][0] +
        "; the busiest week, starting " + busiest[0] + ", had " + busiest[1] + ".",
    });
    weeks.forEach((t, i) => {
      const iso = isoDay(t);
      const count = counts.get(iso) || 0;
      if (!count) {
        return;
      }
      const imprecise = data.imprecise[iso] || 0;
      const outside = (from !== null && t + 6 * DAY < from) || (to !== null && t > to);
      const barWidth = Math.max(step - (step > 4 ? 1 : 0), 1);
      const full = ((axis - top) * count) / peak;
      const vague = ((axis - top) * imprecise) / peak;
      const title =
        "Week of " + iso + ": " + numbers.format(count) +
        (imprecise ? " (" + numbers.format(imprecise) + " dated only to the month or year)" : "");
      const precise = svgNode("rect", {
        class: "hist-bar" + (outside ? " out" : ""),
        x: (i * step).toFixed(2),
        y: (axis - full).toFixed(2),
        width: barWidth.toFixed(2),
        height: Math.max(full - vague, 0).toFixed(2),
      });
      precise.appendChild(svgNode("title", {}, title));
      svg.appendChild(precise);
      if (imprecise) {
        const rough = svgNode("rect", {
          class: "hist-bar imprecise" + (outside ? " out" : ""),
          x: (i * step).toFixed(2),
          y: (axis - full).toFixed(2),
          width: barWidth.toFixed(2),
          height: vague.toFixed(2),
        });
        rough.appendChild(svgNode("title", {}, title));
        svg.appendChild(rough);
      }
    });
    svg.appendChild(svgNode("line", { class: "hist-axis", x1: 0, x2: width, y1: axis + 0.5, y2: axis + 0.5 }));
    svg.appendChild(svgNode("text", { class: "hist-label", x: 2, y: 9 }, "most in a week: " + peak));

    // Year labels for long spans, month labels for short ones, never closer than 48 pixels.
    const byYear = weeks.length > 80;
    let lastLabel = -Infinity;
    weeks.forEach((t, i) => {
      const date = new Date(t);
      const previous = new Date(t - 7 * DAY);
      const boundary = byYear
        ? date.getUTCFullYear() !== previous.getUTCFullYear()
        : date.getUTCMonth() !== previous.getUTCMonth();
      const x = i * step;
      if ((boundary || i === 0) && x - lastLabel >= 48 && x < width - 30) {
        const text = byYear
          ? String(date.getUTCFullYear())
          : date.toLocaleString("en", { month: "short", timeZone: "UTC" }) +
            (date.getUTCMonth() === 0 || i === 0 ? " " + date.getUTCFullYear() : "");
        svg.appendChild(svgNode("line", { class: "hist-axis", x1: x, x2: x, y1: axis, y2: axis + 4 }));
        svg.appendChild(svgNode("text", { class: "hist-label", x: x + 2, y: height - 2 }, text));
        lastLabel = x;
      }
    });

    const selection = svgNode("rect", { class: "hist-selection", x: 0, y: top - 4, width: 0, height: axis - top + 4 });
    selection.setAttribute("visibility", "hidden");
    svg.appendChild(selection);
    if (from !== null || to !== null) {
      const a = from === null ? 0 : Math.max(0, Math.floor((mondayOf(from) - first) / (7 * DAY)));
      const b = to === null ? weeks.length - 1 : Math.min(weeks.length - 1, Math.floor((mondayOf(to) - first) / (7 * DAY)));
      if (b >= a) {
        selection.setAttribute("x", (a * step).toFixed(2));
        selection.setAttribute("width", ((b - a + 1) * step).toFixed(2));
        selection.setAttribute("visibility", "visible");
      }
    }
    histogramBox.appendChild(svg);

    // Dragging across the bars picks the weeks it covers; a click picks one week.
    function weekAt(event) {
      const box = svg.getBoundingClientRect();
      const x = ((event.clientX - box.left) / box.width) * width;
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
      setDates(isoDay(weeks[lo]), isoDay(weeks[hi] + 6 * DAY));
    });
    svg.addEventListener("pointercancel", () => {
      anchor = null;
    });
  }

  // ---- Refreshing ---------------------------------------------------------------------------

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then((response) =>
      response.json().then((body) => {
        if (!response.ok) {
          throw { errors: body.errors || { request: ["The server could not answer (" + response.status + ")."] } };
        }
        return body;
      }),
    );
  }

  let generation = 0;
  let lastHistogram = null;
  function refresh() {
    const filters = filterParams();
    writeAddress(filters);
    updateLinks(filters);
    const current = ++generation;
    const view = new URLSearchParams(filters);
    view.set("bbox", viewBox());
    view.set("zoom", String(map.getZoom()));
    // The histogram leaves out the chosen dates, so it keeps showing the weeks around them.
    const timeline = new URLSearchParams(filters);
    timeline.delete("date_from");
    timeline.delete("date_to");
    timeline.set("bbox", viewBox());
    document.getElementById("map").setAttribute("aria-busy", "true");
    Promise.all([getJSON(withParams(config.dataUrl, view)), getJSON(withParams(config.histogramUrl, timeline))])
      .then(([data, weeks]) => {
        if (current !== generation) {
          return;
        }
        showErrors(null);
        draw(data);
        writeCount(data);
        updateLinks(filters, data.area);
        writeList(data);
        lastHistogram = [weeks, filters];
        drawHistogram(weeks, filters);
        document.getElementById("map").setAttribute("aria-busy", "false");
      })
      .catch((failure) => {
        if (current !== generation) {
          return;
        }
        showErrors(failure.errors || { request: [String(failure)] });
        document.getElementById("map").setAttribute("aria-busy", "false");
      });
  }

  let pending = null;
  function refreshSoon(delay) {
    clearTimeout(pending);
    pending = setTimeout(refresh, delay);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  form.addEventListener("change", () => refreshSoon(50));
  form.addEventListener("input", (event) => {
    if (event.target.type === "search" || event.target.type === "number") {
      refreshSoon(500);
    }
  });
  clearDates.addEventListener("click", () => setDates("", ""));
  map.on("moveend", () => refreshSoon(150));

  // The legend's sizes use the same scale as the markers.
  document.querySelectorAll(".legend-size").forEach((node) => {
    const size = markerDiameter(Number(node.dataset.killed)) + "px";
    node.style.width = size;
    node.style.height = size;
  });
  // On a phone the filters start folded so the map is in sight.
  if (window.matchMedia("(max-width: 799px)").matches) {
    document.getElementById("filters-box").open = false;
  }
  // Leaflet refreshes the markers itself when the window resizes (its view moves); the chart
  // only needs redrawing to the new width.
  window.addEventListener("resize", () => {
    if (lastHistogram) {
      drawHistogram(...lastHistogram);
    }
  });
  refresh();
})();
