// Names over the map from the project's gazetteer (geo/labels.json): countries, then cities by
// size, then governorates, more as one zooms in; a name that would overlap one already placed
// waits for a closer zoom.
(function () {
  "use strict";

  const { element, config } = window.IncidentMap;
  // Rough text widths in pixels per character, per kind (the sizes are in map.css).
  const CHAR_WIDTH = { country: 9, city: 7.2, place: 6.4, site: 6, governorate: 6.6 };
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

    function place() {
      layer.clearLayers();
      const zoom = map.getZoom();
      const view = map.getBounds().pad(0.1);
      const placed = [];
      labels.forEach((label) => {
        if (zoom < label.zooms[0] || zoom > label.zooms[1] || !view.contains([label.lat, label.lng])) {
          return;
        }
        const here = box(label, map.latLngToContainerPoint([label.lat, label.lng]));
        if (placed.some((other) => overlaps(here, other))) {
          return;
        }
        placed.push(here);
        const text = element("span", "", label.name);
        if (label.name_ar) {
          text.lang = "en";
          text.title = label.name_ar;
        }
        const icon = L.divIcon({ className: "map-label map-label-" + label.kind, html: text, iconSize: null });
        layer.addLayer(L.marker([label.lat, label.lng], { icon: icon, pane: "labels", interactive: false, keyboard: false }));
      });
      map.getContainer().dataset.labels = String(placed.length);
    }

    fetch(config.labelsUrl, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((data) => {
        labels = data.labels;
        place();
        map.on("zoomend moveend", place);
      });
  }

  window.IncidentMap.labels = { add: add };
})();
