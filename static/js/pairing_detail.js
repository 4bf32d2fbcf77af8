/* Pairing page: events per month and kind, with the workers who came to Shanghai that month. */
"use strict";

(function () {
  const peopleMoved = SiteCharts.readData("people-moved-data") || [];
  const label = document.documentElement.lang.startsWith("zh") ? "到沪务工人数" : "Workers to Shanghai";
  const extra = peopleMoved.length
    ? [{
        type: "line", label, data: peopleMoved, yAxisID: "people", borderColor: "#D55E00",
        backgroundColor: "#D55E00", pointRadius: 4, showLine: false, spanGaps: false,
      }]
    : [];
  SiteCharts.monthlyBars("timeline-chart", SiteCharts.readData("timeline-data"), extra);
})();
