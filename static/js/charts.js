/* Shared chart helpers for the page scripts. Data comes from json_script elements; every chart
   also has its numbers in an HTML table beside it, so nothing depends on this file running. */
"use strict";

window.SiteCharts = (function () {
  const prefersReducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function readData(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function baseOptions() {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: prefersReducedMotion ? false : { duration: 300 },
      plugins: { legend: { position: "bottom" } },
    };
  }

  function monthlyBars(canvasId, data, extraDatasets) {
    const canvas = document.getElementById(canvasId);
    if (!canvas || !data || !data.labels.length || typeof Chart === "undefined") return null;
    const datasets = data.datasets.map((dataset) => Object.assign({ stack: "events" }, dataset));
    const options = baseOptions();
    options.scales = {
      x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 12 } },
      y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
    };
    (extraDatasets || []).forEach((dataset) => {
      datasets.push(dataset);
      options.scales[dataset.yAxisID] = {
        position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
        ticks: { precision: 0 },
      };
    });
    return new Chart(canvas, { type: "bar", data: { labels: data.labels, datasets }, options });
  }

  return { readData, baseOptions, monthlyBars };
})();
