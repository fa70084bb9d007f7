// The residents' map written by `gebieden publish`: the agreed areas over a background map,
// a list of them, their details on a click, and an address search (PDOK Locatieserver) that
// names the area an address lies in. Works opened from disk: the data comes as a script.
(function () {
  "use strict";
  var data = window.GEBIEDEN;
  var areas = data.areas.features;
  var resultBox = document.getElementById("uitkomst");
  var detailsBox = document.getElementById("gegevens");

  var map = L.map("kaart", { zoomSnap: 0.5 });
  var background = L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 19 });
  background.addTo(map);

  // Fields shown per area, in this order; the rest are the program's own.
  var hidden = { kleur: 1, gebied: 1, naam: 1, units: 1, unit_count: 1, area_km2: 1, parts: 1, bron: 1 };
  function details(feature) {
    var p = feature.properties;
    var html = "<h2>" + escapeHtml(p.gebied) + "</h2><dl class=\"details\">";
    Object.keys(p).forEach(function (key) {
      if (hidden[key] || p[key] === null || p[key] === "") return;
      var value = String(p[key]);
      var shown = /^https?:\/\//.test(value)
        ? "<a href=\"" + escapeHtml(value) + "\">" + escapeHtml(value) + "</a>"
        : escapeHtml(value);
      html += "<dt>" + escapeHtml(key) + "</dt><dd>" + shown + "</dd>";
    });
    return html + "</dl>";
  }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }
  function show(feature, layer) {
    detailsBox.innerHTML = details(feature);
    map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20] });
  }

  var byName = {};
  var shapes = L.geoJSON(data.areas, {
    style: function (feature) {
      return { color: "#222", weight: 1.5, fillColor: feature.properties.kleur || "#5b8fc7", fillOpacity: 0.35 };
    },
    onEachFeature: function (feature, layer) {
      byName[feature.properties.gebied] = layer;
      layer.bindTooltip(escapeHtml(feature.properties.gebied), { permanent: true, direction: "center", className: "naam-label" });
      layer.bindPopup(function () { return details(feature); });
      layer.on("click", function () { detailsBox.innerHTML = details(feature); });
    }
  }).addTo(map);
  map.fitBounds(shapes.getBounds(), { padding: [10, 10] });

  // The list: every area as a button, usable with the keyboard.
  var list = document.getElementById("gebieden");
  areas.forEach(function (feature) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gebied";
    var swatch = document.createElement("span");
    swatch.className = "kleur";
    swatch.style.background = feature.properties.kleur || "#5b8fc7";
    swatch.setAttribute("aria-hidden", "true");
    button.appendChild(swatch);
    button.appendChild(document.createTextNode(feature.properties.gebied));
    button.addEventListener("click", function () { show(feature, byName[feature.properties.gebied]); });
    item.appendChild(button);
    list.appendChild(item);
  });
  document.getElementById("bron").textContent = data.credit;

  // Which area holds a point (even-odd over all rings of the area).
  function inRing(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if ((a[1] > y) !== (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
    return inside;
  }
  function areaAt(lon, lat) {
    for (var k = 0; k < areas.length; k++) {
      var g = areas[k].geometry;
      var polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      var count = 0;
      polygons.forEach(function (rings) { rings.forEach(function (ring) { if (inRing(ring, lon, lat)) count++; }); });
      if (count % 2 === 1) return areas[k];
    }
    return null;
  }

  // Address search: /suggest for the best match, /lookup for its point.
  var form = document.getElementById("zoekformulier");
  var marker = null;
  function noSearch() {
    document.getElementById("zoeken").hidden = true;
    document.getElementById("geenzoeken").hidden = false;
  }
  function say(text, isError) {
    resultBox.textContent = text;
    resultBox.className = isError ? "fout" : "";
  }
  function getJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }
  function search(query) {
    if (!query.trim()) return;
    say("Zoeken…");
    var base = data.locatieserver;
    getJson(base + "/suggest?q=" + encodeURIComponent(query) + "&fq=" + encodeURIComponent("type:adres") + "&rows=1")
      .then(function (found) {
        var best = found.response.docs[0];
        if (!best) { say("Geen adres gevonden voor \u201c" + query + "\u201d.", true); return null; }
        return getJson(base + "/lookup?id=" + encodeURIComponent(best.id)).then(function (answer) {
          var doc = answer.response.docs[0];
          var m = /POINT\(([-\d.]+) ([-\d.]+)\)/.exec(doc.centroide_ll || "");
          if (!m) { say("Dit adres heeft geen plaats op de kaart.", true); return; }
          var lon = parseFloat(m[1]), lat = parseFloat(m[2]);
          if (marker) marker.remove();
          marker = L.circleMarker([lat, lon], { radius: 8, color: "#000", weight: 3, fillColor: "#f2a900", fillOpacity: 1 }).addTo(map);
          map.setView([lat, lon], 15);
          var area = areaAt(lon, lat);
          if (area) {
            say(doc.weergavenaam + " valt in gebied " + area.properties.gebied + ".");
            detailsBox.innerHTML = details(area);
          } else {
            say(doc.weergavenaam + " ligt buiten de gebieden op deze kaart.", true);
            detailsBox.innerHTML = "";
          }
        });
      })
      .catch(function () {
        say("Het zoeken lukt nu niet. Klik op de kaart of kies een gebied uit de lijst.", true);
      });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("adres").value);
  });
  if (!data.locatieserver) {
    noSearch();
  } else {
    // A quick question first: without the service the search is hidden, with a note.
    getJson(data.locatieserver + "/suggest?q=a&rows=1")
      .then(function () {
        var asked = new URLSearchParams(window.location.search).get("adres");
        if (asked) {
          document.getElementById("adres").value = asked;
          search(asked);
        }
      })
      .catch(noSearch);
  }
})();
