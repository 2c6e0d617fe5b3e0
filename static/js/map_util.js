// What the map page's scripts share: building elements, wording counts, dates and tolls.
// Each of map_*.js adds its part to window.IncidentMap; map.js, loaded last, puts them together.
(function () {
  "use strict";

  const NS = "http://www.w3.org/2000/svg";
  const numbers = new Intl.NumberFormat("en");

  // "1 incident", "2,345 incidents".
  function incidents(count) {
    return numbers.format(count) + (count === 1 ? " incident" : " incidents");
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

  function svgNode(tag, attributes, text) {
    const node = document.createElementNS(NS, tag);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function withParams(url, params) {
    const query = params.toString();
    return query ? url + "?" + query : url;
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

  function placeText(p) {
    return [p.place, p.governorate && p.governorate !== p.place ? p.governorate : ""].filter(Boolean).join(", ");
  }

  function markerDiameter(killed) {
    if (killed === null || killed === undefined) {
      return 18;
    }
    return Math.round(Math.min(18 + 2.5 * Math.sqrt(killed), 40));
  }

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

  window.IncidentMap = {
    config: JSON.parse(document.getElementById("map-config").textContent),
    numbers: numbers,
    incidents: incidents,
    element: element,
    svgNode: svgNode,
    withParams: withParams,
    killedText: killedText,
    placeText: placeText,
    markerDiameter: markerDiameter,
    getJSON: getJSON,
  };
})();
