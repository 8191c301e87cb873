// Webinar times in the browser's own time zone, next to the organiser's time
// that the server always shows. Fills only the hidden slots the page leaves
// for it (learners with a time zone in their profile get theirs from the
// server) and leaves them hidden when the browser is in the organiser's zone.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  var format;
  try {
    format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      dateStyle: "full",
      timeStyle: "short",
      timeZone: zone,
    });
  } catch (error) {
    return;
  }
  document.querySelectorAll("[data-viewer-time]").forEach(function (slot) {
    if (slot.getAttribute("data-organiser-zone") === zone) return;
    var time = slot.querySelector("time");
    var when = new Date(time.getAttribute("datetime"));
    if (isNaN(when.getTime())) return;
    time.textContent = format.format(when);
    slot.querySelector("[data-zone]").textContent = zone;
    slot.hidden = false;
  });
})();
