/* Registry maps: municipality polygons and branch points drawn with Leaflet from
 * our own GeoJSON endpoints, on a plain background (no external tiles).
 *
 * Markup (no inline script; the CSP allows only our own files):
 *   <div class="map" data-registry-map
 *        data-municipalities-url="/api/geo/municipalities/?…"
 *        data-branches-url="/api/geo/branches/?…"
 *        data-highlight="23106"></div>
 * Every map has the same data as a table or list on the page; the map is a view
 * of it, not the only way to reach it.
 */
(function () {
  "use strict";

  var DEFAULT_FILL = "#8fb8de";

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      });
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function formatNumber(value) {
    if (value === null || value === undefined) {
      return "";
    }
    return Number(value).toLocaleString("nl-BE");
  }

  function municipalityStyle(highlight) {
    return function (feature) {
      var props = feature.properties || {};
      var highlighted = highlight && highlight.indexOf(props.nis_code) !== -1;
      return {
        color: highlighted ? "#000" : "#ffffff",
        weight: highlighted ? 3 : 1,
        fillColor: props.colour || DEFAULT_FILL,
        fillOpacity: highlighted ? 0.85 : 0.75
      };
    };
  }

  function bindMunicipality(feature, layer) {
    var props = feature.properties || {};
    var lines = ["<strong>" + escapeHtml(props.name) + "</strong> (" + escapeHtml(props.nis_code) + ")"];
    if (props.colour_label) {
      lines.push(escapeHtml(props.colour_label));
    }
    if (props.population) {
      lines.push(escapeHtml(formatNumber(props.population)) + " inwoners");
    }
    layer.bindTooltip(lines.join("<br>"), { sticky: true });
    if (props.url) {
      layer.bindPopup('<a href="' + escapeHtml(props.url) + '">' + escapeHtml(props.name) + "</a>");
    }
  }

  function branchMarker(feature, latlng) {
    var main = feature.properties && feature.properties.is_main;
    return L.circleMarker(latlng, {
      radius: main ? 8 : 6,
      color: "#000",
      weight: 2,
      fillColor: main ? "#d1495b" : "#ffffff",
      fillOpacity: 1
    });
  }

  function bindBranch(feature, layer) {
    var props = feature.properties || {};
    var html = '<a href="' + escapeHtml(props.url) + '">' + escapeHtml(props.name) + "</a>";
    if (props.library) {
      html += "<br>" + escapeHtml(props.library);
    }
    if (props.address) {
      html += "<br>" + escapeHtml(props.address);
    }
    layer.bindPopup(html);
    layer.bindTooltip(escapeHtml(props.name));
  }

  function initMap(element) {
    if (element.getAttribute("data-map-ready")) {
      return;
    }
    element.setAttribute("data-map-ready", "1");
    var highlight = (element.getAttribute("data-highlight") || "").split(",").filter(Boolean);
    var map = L.map(element, {
      attributionControl: false,
      zoomSnap: 0.25,
      scrollWheelZoom: false,
      center: [50.85, 4.35],
      zoom: 8
    });
    var bounds = null;

    function extend(layer) {
      var layerBounds = layer.getBounds();
      if (!layerBounds.isValid()) {
        return;
      }
      bounds = bounds ? bounds.extend(layerBounds) : layerBounds;
      map.fitBounds(bounds, { padding: [12, 12], maxZoom: 14 });
    }

    var loads = [];
    var municipalitiesUrl = element.getAttribute("data-municipalities-url");
    if (municipalitiesUrl) {
      loads.push(
        fetchJson(municipalitiesUrl).then(function (data) {
          var layer = L.geoJSON(data, { style: municipalityStyle(highlight), onEachFeature: bindMunicipality });
          layer.addTo(map);
          layer.bringToBack();
          extend(layer);
        })
      );
    }
    var branchesUrl = element.getAttribute("data-branches-url");
    if (branchesUrl) {
      loads.push(
        fetchJson(branchesUrl).then(function (data) {
          var layer = L.geoJSON(data, { pointToLayer: branchMarker, onEachFeature: bindBranch });
          layer.addTo(map);
          extend(layer);
        })
      );
    }
    Promise.all(loads)
      .then(function () {
        element.setAttribute("data-map-loaded", "1");
      })
      .catch(function () {
        var note = document.createElement("p");
        note.className = "map__error";
        note.textContent = element.getAttribute("data-error-text") || "De kaart kon niet geladen worden.";
        element.parentNode.insertBefore(note, element.nextSibling);
        element.setAttribute("data-map-loaded", "error");
      });
  }

  function initAll() {
    if (typeof L === "undefined") {
      return;
    }
    var elements = document.querySelectorAll("[data-registry-map]");
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
