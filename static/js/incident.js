// Incident page: a small map of the incident's location over our own borders.
(function () {
  "use strict";
  const element = document.getElementById("incident-map");
  const dataElement = document.getElementById("incident-map-data");
  if (!element || !dataElement) {
    return;
  }
  const data = JSON.parse(dataElement.textContent);
  const map = L.map(element, { scrollWheelZoom: false }).setView([data.lat, data.lng], 7);
  if (data.tile_url) {
    L.tileLayer(data.tile_url, { attribution: data.tile_attribution, maxZoom: 18 }).addTo(map);
  }
  fetch(data.boundaries)
    .then((response) => response.json())
    .then((geojson) => {
      L.geoJSON(geojson, {
        style: (feature) =>
          feature.properties.kind === "country"
            ? { color: "#555", weight: 1.5, fill: false }
            : { color: "#8a6d3b", weight: 1, dashArray: "3", fillOpacity: 0.04 },
      }).addTo(map);
    });
  L.circleMarker([data.lat, data.lng], {
    radius: 8,
    color: "#fff",
    weight: 2,
    fillColor: "#8b1a1a",
    fillOpacity: 0.9,
  })
    .bindTooltip(data.precision)
    .addTo(map);
})();
