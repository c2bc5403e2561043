/* Dashboards: draws each panel's chart from its json_script data with Chart.js, offers the
   chart as a PNG, and submits the filter forms when a select changes. No inline script, so
   the page works under a strict Content-Security-Policy. */
(function () {
  "use strict";

  var COLOURS = ["#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#d6616b"];

  function numberFormat(value) {
    return new Intl.NumberFormat(document.documentElement.lang || "th").format(value);
  }

  function build(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    var spec = JSON.parse(source.textContent);
    var datasets = spec.datasets.map(function (d, i) {
      var colour = COLOURS[i % COLOURS.length];
      var set = {
        label: d.label,
        data: d.data,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: spec.type === "line" ? 2 : 0,
        tension: 0.2,
      };
      if (spec.dual && i === 1) {
        set.yAxisID = "y1";
        set.type = "line";
        set.borderWidth = 2;
      }
      return set;
    });
    var scales = {
      x: { stacked: !!spec.stacked, ticks: { autoSkip: false, maxRotation: 60 } },
      y: { stacked: !!spec.stacked, beginAtZero: true, ticks: { callback: numberFormat } },
    };
    if (spec.horizontal) {
      scales = { x: { beginAtZero: true, max: spec.max }, y: {} };
    }
    if (spec.dual) {
      scales.y1 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
                    ticks: { callback: numberFormat } };
    }
    var chart = new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: { legend: { display: datasets.length > 1 } },
      },
    });
    var button = document.querySelector('[data-png="' + canvas.id + '"]');
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var link = document.createElement("a");
        link.href = chart.toBase64Image("image/png", 1);
        link.download = button.dataset.filename || canvas.id + ".png";
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    }
  }

  function start() {
    if (typeof Chart !== "undefined") {
      Chart.defaults.font.family = '"Sarabun", "Loma", "Noto Sans Thai", sans-serif';
      Chart.defaults.font.size = 13;
      Chart.defaults.color = "#333";
      // A white background, so a downloaded PNG is readable.
      Chart.register({
        id: "kboWhiteBackground",
        beforeDraw: function (chart) {
          var ctx = chart.ctx;
          ctx.save();
          ctx.globalCompositeOperation = "destination-over";
          ctx.fillStyle = "#ffffff";
          ctx.fillRect(0, 0, chart.width, chart.height);
          ctx.restore();
        },
      });
    }
    init(document);
    // Panels that load after the page (htmx) get their charts when they arrive.
    document.body.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
  }

  function init(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (!canvas.dataset.drawn) {
        canvas.dataset.drawn = "1";
        build(canvas);
      }
    });
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      if (!select.dataset.bound) {
        select.dataset.bound = "1";
        select.addEventListener("change", function () { select.form.submit(); });
      }
    });
  }

  function whenFontsReady() {
    // Draw once Sarabun is loaded, so the canvas uses it.
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(start);
    } else {
      start();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenFontsReady);
  } else {
    whenFontsReady();
  }
})();
