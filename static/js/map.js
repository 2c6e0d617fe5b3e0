// The researchers' map: incidents for the filters and the view, a weekly histogram, and the
// whole state (filters, centre, zoom) kept in the address so a link reopens the same map.
// The markers, the names and the histogram are in map_markers.js, map_labels.js and
// map_histogram.js; what they share in map_util.js.
(function () {
  "use strict";

  const { config, numbers, element, withParams, killedText, placeText, markerDiameter, getJSON } = window.IncidentMap;
  const form = document.getElementById("map-filters");
  const countBox = document.getElementById("map-count");
  const errorBox = document.getElementById("map-errors");
  const listBox = document.getElementById("incident-list");
  const listNote = document.getElementById("incident-list-note");
  const histogramBox = document.getElementById("histogram");
  const clearDates = document.getElementById("clear-dates");
  const LIST_LIMIT = 200;
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

  L.control.scale({ imperial: false, maxWidth: 140 }).addTo(map);
  // Without tiles the map's own background is the sea (map.css) and the countries are land.
  const BORDERS = {
    covered: { color: "#4a4f55", weight: 1.4, fillColor: "#fbfaf6", fillOpacity: hasTiles ? 0.15 : 1 },
    neighbour: { color: "#7d8288", weight: 1, fillColor: "#ebe8df", fillOpacity: hasTiles ? 0.1 : 1 },
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
  if (!hasTiles) {
    document.getElementById("map").classList.add("no-tiles");
  }
  const labels = window.IncidentMap.labels.add(map);

  // ---- Markers ------------------------------------------------------------------------------

  const markers = window.IncidentMap.markers.make(map, filterParams);

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
      const deepest = map.getZoom() >= map.getMaxZoom();
      data.features.forEach((c) => next.set("c" + c.lat + "," + c.lng + "," + c.count + deepest, () => markers.clusterMarker(c)));
    } else {
      screenGroups(data.features).forEach((group) => {
        const key = group.map((p) => p.id).join(",");
        if (group.length === 1 || oneSpot(group) || map.getZoom() >= map.getMaxZoom()) {
          next.set("p" + key, () => markers.pointMarker(group));
          ids.set("p" + key, group);
        } else {
          next.set("g" + key, () => markers.clusterMarker(markers.summary(group)));
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
    labels.refresh();
    const mapElement = document.getElementById("map");
    mapElement.dataset.mode = data.mode;
    // How many answers have been drawn: a page (or a test) can tell a new one from the last.
    mapElement.dataset.draws = String(Number(mapElement.dataset.draws || 0) + 1);
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
      const more = data.unlocated === 1 ? " more has no coordinates and is not drawn." : " more have no coordinates and are not drawn.";
      countBox.append(element("span", "muted", numbers.format(data.unlocated) + more));
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

  function setDates(from, to) {
    form.elements.date_from.value = from;
    form.elements.date_to.value = to;
    refresh();
  }

  function drawHistogram(data, filters) {
    window.IncidentMap.histogram.draw(histogramBox, data, filters, setDates);
  }

  // ---- Refreshing ---------------------------------------------------------------------------

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
    // The histogram spans the chosen dates (map_histogram.js), and counts only the days in them.
    const timeline = new URLSearchParams(filters);
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
  // The legend's cluster is drawn as the map draws them.
  const sample = document.getElementById("legend-cluster");
  sample.classList.add("cluster-marker");
  const sampleBody = element("span", "cluster-body");
  sampleBody.append(window.IncidentMap.markers.ring({ remote_violence: 70, battles: 35, violence_against_civilians: 15 }, 34));
  sampleBody.append(element("span", "cluster-count", "120"));
  sample.append(sampleBody);
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
