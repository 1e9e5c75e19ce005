/* Scale scenario map: municipalities coloured by scenario region, today's cooperations or referentieregio,
 * drawn with Leaflet from the scenario's GeoJSON (no external tiles). Declared links (Voeren–Riemst) are
 * dashed lines.
 *
 * Markup (no inline script; the CSP allows only our own files):
 *   <select data-scale-layer>…</select>
 *   <div class="map" data-scale-map data-geojson-url="…?map=1"></div>
 *   <div data-legend="scenario">…</div> (one legend per layer; the others are hidden)
 */
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function currentLayer() {
    var select = document.querySelector("[data-scale-layer]");
    return select ? select.value : "scenario";
  }

  function showLegend(layer) {
    var legends = document.querySelectorAll("[data-legend]");
    for (var i = 0; i < legends.length; i += 1) {
      legends[i].hidden = legends[i].getAttribute("data-legend") !== layer;
    }
  }

  function initMap(element) {
    if (element.getAttribute("data-map-ready")) {
      return;
    }
    element.setAttribute("data-map-ready", "1");
    var map = L.map(element, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false, center: [51.0, 4.4], zoom: 8 });
    var polygons = null;

    function style(feature) {
      var props = feature.properties || {};
      if (props.kind === "declared_link") {
        return { color: "#000", weight: 3, dashArray: "6 6" };
      }
      var colours = props.colours || {};
      return { color: "#ffffff", weight: 1, fillColor: colours[currentLayer()] || "#d9d9d9", fillOpacity: 0.8 };
    }

    function bind(feature, layer) {
      var props = feature.properties || {};
      if (props.kind === "declared_link") {
        layer.bindTooltip(escapeHtml(props.name), { sticky: true });
        return;
      }
      layer.bindTooltip(function () {
        var labels = props.labels || {};
        return "<strong>" + escapeHtml(props.name) + "</strong> (" + escapeHtml(props.nis_code) + ")<br>" +
          escapeHtml(labels[currentLayer()] || "") + "<br>" +
          escapeHtml(Number(props.population || 0).toLocaleString("nl-BE")) + " inwoners";
      }, { sticky: true });
      if (props.url) {
        layer.bindPopup('<a href="' + escapeHtml(props.url) + '">' + escapeHtml(props.name) + "</a>");
      }
    }

    fetch(element.getAttribute("data-geojson-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        polygons = L.geoJSON(data, { style: style, onEachFeature: bind }).addTo(map);
        var bounds = polygons.getBounds();
        if (bounds.isValid()) {
          map.fitBounds(bounds, { padding: [12, 12] });
        }
        element.setAttribute("data-map-loaded", "1");
      })
      .catch(function () {
        var note = document.createElement("p");
        note.className = "map__error";
        note.textContent = element.getAttribute("data-error-text") || "De kaart kon niet geladen worden.";
        element.parentNode.insertBefore(note, element.nextSibling);
        element.setAttribute("data-map-loaded", "error");
      });

    var select = document.querySelector("[data-scale-layer]");
    if (select) {
      select.addEventListener("change", function () {
        showLegend(select.value);
        if (polygons) {
          polygons.setStyle(style);
        }
      });
    }
  }

  function initAll() {
    if (typeof L === "undefined") {
      return;
    }
    var elements = document.querySelectorAll("[data-scale-map]");
    for (var i = 0; i < elements.length; i += 1) {
      initMap(elements[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
