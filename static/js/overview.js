/* Overview: the Sankey of workers from Yunnan to Shanghai and the events-per-month chart. */
"use strict";

(function () {
  const flows = SiteCharts.readData("flow-data");
  const flowCanvas = document.getElementById("flow-chart");
  if (flowCanvas && flows && flows.length && typeof Chart !== "undefined") {
    const palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"];
    const colourOf = {};
    flows.forEach((flow, index) => { colourOf[flow.from] = palette[index % palette.length]; });
    const options = SiteCharts.baseOptions();
    options.plugins.legend = { display: false };
    new Chart(flowCanvas, {
      type: "sankey",
      data: {
        datasets: [{
          data: flows,
          colorFrom: (context) => colourOf[context.dataset.data[context.dataIndex].from] || "#0072B2",
          colorTo: () => "#57606a",
          colorMode: "from",
          borderWidth: 0,
          size: "max",
        }],
      },
      options,
    });
  }
  SiteCharts.monthlyBars("monthly-chart", SiteCharts.readData("monthly-data"));
})();
