// A link to #event-<id> that this page does not hold (the event was merged into another, or is
// shown elsewhere) goes to the event's lasting address, which answers with the page that does.
(function () {
  "use strict";
  const match = /^#event-(\d+)$/.exec(window.location.hash);
  if (!match || document.getElementById("event-" + match[1])) {
    return;
  }
  // Once per event and tab: the page it answers with may not list the event either.
  const tried = "event-link-" + match[1];
  if (window.sessionStorage.getItem(tried)) {
    window.sessionStorage.removeItem(tried);
    return;
  }
  window.sessionStorage.setItem(tried, "1");
  const link = document.currentScript || document.querySelector("script[data-event-link]");
  window.location.replace(link.dataset.eventLink.replace(/0\/$/, match[1] + "/"));
})();
