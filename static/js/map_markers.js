// The map's markers: one incident (or several at one spot), and clusters drawn as a ring of
// their event types around the count. A cluster that cannot split (all at one spot, or at the
// deepest zoom) lists its incidents instead of zooming.
(function () {
  "use strict";

  const { config, numbers, incidents, element, svgNode, withParams, killedText, placeText, markerDiameter, getJSON } =
    window.IncidentMap;
  const POPUP_LIMIT = 20;
  const TYPE_ORDER = Object.keys(config.eventTypes);

  function typeLabel(code) {
    return config.eventTypes[code].label;
  }

  function clusterDiameter(count) {
    return Math.round(Math.min(30 + 7 * Math.log10(count), 60));
  }

  // "12 Battles, 3 Protests", the largest first.
  function mixText(types) {
    return Object.entries(types)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => numbers.format(n) + " " + typeLabel(code))
      .join(", ");
  }

  // A ring of arcs, one per event type, each as long as its share; grey when the mix is unknown.
  function ring(types, size) {
    const width = Math.max(5, Math.round(size * 0.2));
    const radius = (size - width) / 2;
    const centre = size / 2;
    const svg = svgNode("svg", { class: "cluster-ring", width: size, height: size, viewBox: "0 0 " + size + " " + size, "aria-hidden": "true" });
    const total = Object.values(types).reduce((a, b) => a + b, 0);
    const circle = (className, extra) =>
      svg.appendChild(svgNode("circle", Object.assign({ class: className, cx: centre, cy: centre, r: radius, "stroke-width": width }, extra)));
    if (!total) {
      circle("cluster-slice unknown", {});
      return svg;
    }
    let start = 0;
    TYPE_ORDER.filter((code) => types[code]).forEach((code) => {
      const share = (100 * types[code]) / total;
      circle("cluster-slice event-" + code, {
        pathLength: 100,
        "stroke-dasharray": share.toFixed(3) + " " + (100 - share).toFixed(3),
        "stroke-dashoffset": (25 - start).toFixed(3),
      });
      start += share;
    });
    return svg;
  }

  function popupEntry(p) {
    const article = element("article", "popup-incident");
    const heading = element("h3");
    const link = element("a", "", p.title);
    link.href = p.url;
    heading.appendChild(link);
    article.appendChild(heading);
    article.appendChild(element("p", "muted small", p.public_id + " · " + typeLabel(p.event_type)));
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

  function make(map, filterParams) {
    // The incident list's address for the filters and a bbox ([west, south, east, north]).
    function listUrl(box) {
      const params = filterParams();
      params.set("bbox", box.join(","));
      return withParams(config.listUrl, params);
    }

    function pointMarker(stack) {
      const lead = stack.reduce((a, b) => ((b.killed_best || 0) > (a.killed_best || 0) ? b : a));
      const killed = stack.every((p) => p.killed_best === null) ? null : stack.reduce((sum, p) => sum + (p.killed_best || 0), 0);
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
      const icon = L.divIcon({ className: classes.join(" "), html: element("span", "", text), iconSize: [size, size] });
      const label =
        stack.length > 1 ? incidents(stack.length) + " at one place: " + stack.map((p) => p.title).join("; ") : markerLabel(lead);
      const marker = L.marker([lead.lat, lead.lng], { icon: icon, keyboard: true, title: label, riseOnHover: true });
      marker.on("add", () => marker.getElement().setAttribute("aria-label", label));
      const content = element("div", "popup-incidents");
      stack.slice(0, POPUP_LIMIT).forEach((p) => content.appendChild(popupEntry(p)));
      if (stack.length > POPUP_LIMIT) {
        const more = element("p", "popup-more", numbers.format(stack.length - POPUP_LIMIT) + " more here. ");
        const link = element("a", "", "List them all");
        link.href = listUrl([lead.lng, lead.lat, lead.lng, lead.lat]);
        more.appendChild(link);
        content.appendChild(more);
      }
      marker.bindPopup(content, { maxWidth: 320, minWidth: 220 });
      return marker;
    }

    // The popup listing a spot's incidents, the newest first, from /map/data/spot/.
    function spotList(marker, cluster) {
      const [south, west, north, east] = cluster.bounds;
      const box = [west, south, east, north];
      const params = filterParams();
      params.set("bbox", box.join(","));
      const content = element("div", "popup-incidents spot-list");
      content.appendChild(element("p", "muted small", "Loading the incidents here…"));
      marker.unbindPopup();
      // Clear of the zoom buttons at the top left, on a phone too.
      const room = map.getSize().x - 110;
      const fit = { maxWidth: Math.min(340, room), minWidth: Math.min(240, room), autoPanPaddingTopLeft: [56, 10] };
      marker.bindPopup(content, fit).openPopup();
      getJSON(withParams(config.spotUrl, params))
        .then((spot) => {
          content.textContent = "";
          const one = south === north && west === east;
          content.appendChild(element("h3", "spot-title", incidents(spot.total) + (one ? " at this spot" : " here")));
          const list = element("ol", "spot-incidents");
          spot.features.forEach((p) => {
            const item = element("li");
            const link = element("a", "", p.title);
            link.href = p.url;
            item.appendChild(link);
            item.appendChild(element("span", "meta", p.date + " · " + typeLabel(p.event_type) + " · killed " + killedText(p)));
            list.appendChild(item);
          });
          content.appendChild(list);
          const more = element("p", "popup-more");
          const link = element("a", "", spot.total > spot.features.length ? "List all " + numbers.format(spot.total) : "Open them as a list");
          link.href = listUrl(box);
          if (spot.total > spot.features.length) {
            more.append("The newest " + spot.features.length + " are shown. ");
          }
          more.appendChild(link);
          content.appendChild(more);
          marker.getPopup().update();
          const first = content.querySelector("a");
          if (first) {
            first.focus({ preventScroll: true });
          }
        })
        .catch((failure) => {
          content.textContent = "";
          content.appendChild(element("p", "", "The incidents here could not be loaded. "));
          const errors = failure.errors ? Object.values(failure.errors).flat().join(" ") : String(failure);
          content.appendChild(element("p", "muted small", errors));
        });
    }

    function clusterMarker(cluster) {
      const size = clusterDiameter(cluster.count);
      const count = numbers.format(cluster.count);
      const [south, west, north, east] = cluster.bounds;
      const unsplittable = (south === north && west === east) || map.getZoom() >= map.getMaxZoom();
      const types = cluster.types || {};
      const mix = mixText(types);
      const label =
        incidents(cluster.count) + " here" + (mix ? " (" + mix + ")" : "") + ", " + numbers.format(cluster.killed) +
        " killed (best estimates): " + (unsplittable ? "select to list them" : "select to zoom in");
      const html = element("div", "cluster-body");
      html.appendChild(ring(types, size));
      html.appendChild(element("span", "cluster-count", count));
      const icon = L.divIcon({ className: "cluster-marker" + (unsplittable ? " unsplittable" : ""), html: html, iconSize: [size, size] });
      const marker = L.marker([cluster.lat, cluster.lng], { icon: icon, keyboard: true, title: label });
      marker.on("add", () => {
        const node = marker.getElement();
        node.setAttribute("aria-label", label);
        node.dataset.types = Object.entries(types).map(([code, n]) => code + ":" + n).join(",");
      });
      function open() {
        if (unsplittable) {
          spotList(marker, cluster);
          return;
        }
        const bounds = L.latLngBounds([south, west], [north, east]);
        const target = Math.min(Math.max(map.getBoundsZoom(bounds.pad(0.2)), map.getZoom() + 1), map.getMaxZoom());
        map.setView(bounds.getCenter(), target);
      }
      marker.on("click", open);
      marker.on("keypress", (event) => {
        if (event.originalEvent.key === "Enter" || event.originalEvent.key === " ") {
          open();
        }
      });
      return marker;
    }

    // A cluster drawn from points near each other on screen, counted like the server's.
    function summary(group) {
      const lats = group.map((p) => p.lat);
      const lngs = group.map((p) => p.lng);
      const types = {};
      group.forEach((p) => {
        types[p.event_type] = (types[p.event_type] || 0) + 1;
      });
      return {
        count: group.length,
        killed: group.reduce((sum, p) => sum + (p.killed_best || 0), 0),
        lat: lats.reduce((a, b) => a + b) / group.length,
        lng: lngs.reduce((a, b) => a + b) / group.length,
        bounds: [Math.min(...lats), Math.min(...lngs), Math.max(...lats), Math.max(...lngs)],
        types: types,
      };
    }

    return { pointMarker: pointMarker, clusterMarker: clusterMarker, summary: summary };
  }

  window.IncidentMap.markers = { make: make, ring: ring };
})();
