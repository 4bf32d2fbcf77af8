/* Events browser: the filter form sends only the fields that are set, so a shared link reads
   /events/?kind=job_fair, not /events/?q=&date_from=&date_to=&…&kind=job_fair. The server
   reads both alike; without this script the form still works, with the longer address. */
"use strict";

(function () {
  const form = document.querySelector("form.events-filters");
  if (!form) return;
  let left = [];
  form.addEventListener("submit", () => {
    left = Array.from(form.elements).filter(
      (control) => control.name && !control.disabled && control.value === "" &&
        (control.tagName === "INPUT" || control.tagName === "SELECT") && !control.multiple
    );
    left.forEach((control) => { control.disabled = true; });
  });
  // Back from the results (the page kept in memory), the form must be whole again.
  window.addEventListener("pageshow", () => {
    left.forEach((control) => { control.disabled = false; });
    left = [];
  });
})();
