// Admin point picker: a Leaflet map tied to the latitude and longitude inputs.
(function () {
  "use strict";

  const BORDER_STYLE = {
    country: { color: "#555", weight: 1.5, fill: false },
    governorate: { color: "#8a6d3b", weight: 1, dashArray: "3", fillOpacity: 0.03 },
  };

  function parse(input) {
    const value = parseFloat(input.value);
    return Number.isFinite(value) ? value : null;
  }

  function setUp(container) {
    const latInput = document.getElementById(container.dataset.latitudeId);
    const lonInput = document.getElementById(container.dataset.longitudeId);
    if (!latInput || !lonInput) {
      return;
    }
    const map = L.map(container, { center: [34.5, 42.5], zoom: 5 });
    if (container.dataset.tileUrl) {
      L.tileLayer(container.dataset.tileUrl, {
        attribution: container.dataset.tileAttribution,
        maxZoom: 18,
      }).addTo(map);
    }
    fetch(container.dataset.boundariesUrl)
      .then((response) => response.json())
      .then((data) => {
        L.geoJSON(data, {
          style: (feature) => BORDER_STYLE[feature.properties.kind],
          onEachFeature: (feature, layer) => {
            if (feature.properties.kind === "governorate") {
              layer.bindTooltip(feature.properties.name, { sticky: true });
            }
          },
        }).addTo(map);
      });

    let marker = null;
    function place(lat, lon, pan) {
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.marker([lat, lon], { draggable: true, title: "Incident location" }).addTo(map);
        marker.on("dragend", () => {
          const point = marker.getLatLng();
          write(point.lat, point.lng);
        });
      }
      if (pan) {
        map.setView([lat, lon], Math.max(map.getZoom(), 9));
      }
    }
    function write(lat, lon) {
      latInput.value = lat.toFixed(5);
      lonInput.value = lon.toFixed(5);
      latInput.dispatchEvent(new Event("change"));
    }
    map.on("click", (event) => {
      place(event.latlng.lat, event.latlng.lng, false);
      write(event.latlng.lat, event.latlng.lng);
    });
    function fromInputs() {
      const lat = parse(latInput);
      const lon = parse(lonInput);
      if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        place(lat, lon, true);
      }
    }
    latInput.addEventListener("input", fromInputs);
    lonInput.addEventListener("input", fromInputs);
    fromInputs();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".point-picker").forEach(setUp);
  });
})();
