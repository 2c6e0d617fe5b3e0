// Names over the map from the project's gazetteer (geo/labels.json), in its order (big cities,
// countries, governorates, other places by size), more as one zooms in; a name that would
// overlap one already placed, wherever it may go, waits for a closer zoom. Markers come first: a
// place's name under a marker standing on that place moves beside it (and loses its dot: the marker
// shows where the place is); a name another marker would cover waits.
(function () {
  "use strict";

  const { element, config } = window.IncidentMap;
  // Rough text widths in pixels per character, per kind (the sizes are in map.css).
  const CHAR_WIDTH = { country: 10.6, city: 7.2, place: 6.4, site: 6, governorate: 7 };
  const LINE_HEIGHT = { country: 16, city: 15, place: 13, site: 12, governorate: 13 };
  const GAP = 6;

  function add(map) {
    map.createPane("labels");
    const pane = map.getPane("labels");
    // Above the borders (overlayPane, 400), under the markers (600), never catching the pointer.
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    const layer = L.layerGroup().addTo(map);
    let labels = [];

    // The screen box a label takes: centred on its point for an area, right of its dot for a place.
    function box(label, at) {
      const width = label.name.length * CHAR_WIDTH[label.kind];
      const height = LINE_HEIGHT[label.kind];
      const left = label.kind === "country" || label.kind === "governorate" ? at.x - width / 2 : at.x - 4;
      return { left: left - GAP, right: left + width + 9 + GAP, top: at.y - height / 2, bottom: at.y + height / 2 };
    }

    function overlaps(a, b) {
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }

    // The screen boxes of the markers drawn, in the map's container coordinates.
    function markerBoxes() {
      const frame = map.getContainer().getBoundingClientRect();
      return Array.from(map.getPane("markerPane").children).map((icon) => {
        const r = icon.getBoundingClientRect();
        return { left: r.left - frame.left, right: r.right - frame.left, top: r.top - frame.top, bottom: r.bottom - frame.top };
      });
    }

    // Where a place's name may go when a marker stands on the place: right of it, left, below, above.
    function asideOf(label, point, markers) {
      const own = box(label, point);
      const width = own.right - own.left - 2 * GAP;
      const height = LINE_HEIGHT[label.kind];
      const moves = [];
      const onPlace = (m) => m.left <= point.x && point.x <= m.right && m.top <= point.y && point.y <= m.bottom;
      markers.filter(onPlace).forEach((m) => {
        const middle = (m.top + m.bottom) / 2 - point.y;
        moves.push([m.right - own.left, middle], [m.left - own.right, middle]);
        const centred = (m.left + m.right) / 2 - width / 2 - (own.left + GAP);
        moves.push([centred, m.bottom + height / 2 - point.y + 1], [centred, m.top - height / 2 - point.y - 1]);
      });
      return moves;
    }

    function place() {
      layer.clearLayers();
      const zoom = map.getZoom();
      const view = map.getBounds().pad(0.1);
      const markers = markerBoxes();
      const placed = markers.slice();
      labels.forEach((label) => {
        if (zoom < label.zooms[0] || zoom > label.zooms[1] || !view.contains([label.lat, label.lng])) {
          return;
        }
        const point = map.latLngToContainerPoint([label.lat, label.lng]);
        const area = label.kind === "country" || label.kind === "governorate";
        // An area's name may move a line or two down or up, or aside, to make room; a place's
        // stays by its dot.
        const line = LINE_HEIGHT[label.kind];
        let moves = area
          ? [[0, 0], [0, line], [0, -line], [0, 2 * line], [0, -2 * line], [-60, 0], [60, 0]]
          : [[0, 0], ...asideOf(label, point, markers)];
        // An area's name stays whole within the map's frame: one that would run off a side moves in.
        const width = map.getSize().x;
        const own = box(label, point);
        const inward = Math.max(0, -(own.left + GAP)) - Math.max(0, own.right - GAP - width);
        if (area && inward) {
          moves = moves.map(([x, y]) => [x + inward, y]);
        }
        const fits = (b) => !area || (b.left + GAP >= 0 && b.right - GAP <= width);
        const shift = moves.find((move) => {
          const candidate = box(label, point.add(move));
          return fits(candidate) && !placed.some((other) => overlaps(candidate, other));
        });
        if (shift === undefined) {
          return;
        }
        placed.push(box(label, point.add(shift)));
        const moved = Boolean(shift[0] || shift[1]);
        const at = moved ? map.containerPointToLatLng(point.add(shift)) : [label.lat, label.lng];
        const text = element("span", "", label.name);
        if (label.name_ar) {
          text.lang = "en";
          text.title = label.name_ar;
        }
        const className = "map-label map-label-" + label.kind + (moved && !area ? " map-label-moved" : "");
        const icon = L.divIcon({ className: className, html: text, iconSize: null });
        layer.addLayer(L.marker(at, { icon: icon, pane: "labels", interactive: false, keyboard: false }));
      });
      map.getContainer().dataset.labels = String(placed.length - markers.length);
    }

    fetch(config.labelsUrl, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((data) => {
        labels = data.labels;
        place();
        map.on("zoomend moveend", place);
      });
    // Called when the markers change, so the names make way for them.
    return { refresh: () => labels.length && place() };
  }

  window.IncidentMap.labels = { add: add };
})();
