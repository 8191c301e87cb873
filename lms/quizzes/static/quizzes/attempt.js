// Enhances the attempt form; everything works without it.
// - saves answers as they change, by posting the same form (the server
//   answers JSON when it sees X-Requested-With: fetch);
// - keeps unsaved answers on the device while offline and sends them back;
// - counts down to the deadline the server enforces.
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.getElementById("autosave-status");
  var storageKey = "ipcampus-attempt:" + window.location.pathname;
  var timer = null;
  var pending = false;

  function say(text) { if (status) status.textContent = text; }

  function remember() {
    try {
      var entries = [];
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrfmiddlewaretoken") entries.push([name, value]);
      });
      localStorage.setItem(storageKey, JSON.stringify(entries));
    } catch (e) { /* private mode: the server copy is enough */ }
  }

  function forget() {
    try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
  }

  function restore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { saved = null; }
    if (!saved) return false;
    var byName = {};
    saved.forEach(function (entry) { (byName[entry[0]] = byName[entry[0]] || []).push(entry[1]); });
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !(field.name in byName)) return;
      var values = byName[field.name];
      if (field.type === "radio" || field.type === "checkbox") field.checked = values.indexOf(field.value) !== -1;
      else field.value = values[0];
    });
    return true;
  }

  function markErrors(errors) {
    Array.prototype.forEach.call(form.querySelectorAll("fieldset.question"), function (fieldset) {
      var names = Array.prototype.map.call(fieldset.querySelectorAll("[name]"), function (f) { return f.name; });
      var bad = names.some(function (name) { return errors[name.replace(/^q(\d+).*$/, "$1")]; });
      fieldset.classList.toggle("has-error", bad);
    });
  }

  function save() {
    pending = false;
    say(form.dataset.saving);
    var body = new FormData(form);
    body.append("save", "1");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      if (result.status === 409 && result.data.review) {
        forget();
        say(form.dataset.closed);
        window.location.assign(result.data.review);
        return;
      }
      var errors = result.data.errors || {};
      markErrors(errors);
      if (Object.keys(errors).length) { say(form.dataset.refused); return; }
      forget();
      say(form.dataset.saved);
    }).catch(function () {
      remember();
      say(form.dataset.offline);
    });
  }

  function schedule() {
    remember();
    pending = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1200);
  }

  form.addEventListener("change", schedule);
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") schedule();
  });
  form.addEventListener("submit", function () { window.clearTimeout(timer); forget(); });
  window.addEventListener("online", function () { if (pending || restore()) save(); });
  if (restore()) save();

  var clock = document.getElementById("timer");
  if (clock) {
    var left = clock.querySelector(".timer-left");
    var skew = Date.parse(clock.dataset.now) - Date.now();
    var deadline = Date.parse(clock.dataset.deadline);
    var announced = {};
    left.hidden = false;
    var tick = function () {
      var seconds = Math.max(0, Math.floor((deadline - (Date.now() + skew)) / 1000));
      var minutes = Math.floor(seconds / 60);
      var text = form.dataset.timeLeft + " " + minutes + ":" + String(seconds % 60).padStart(2, "0");
      // Screen readers hear the time at 5 and 1 minutes, not every second.
      if ((minutes === 5 || minutes === 1) && !announced[minutes]) {
        announced[minutes] = true;
        left.setAttribute("aria-live", "assertive");
      } else {
        left.setAttribute("aria-live", "off");
      }
      left.textContent = text;
      if (seconds === 0) {
        window.clearInterval(interval);
        var submit = form.querySelector("button[name=submit]");
        if (form.requestSubmit && submit) form.requestSubmit(submit); else form.submit();
      }
    };
    var interval = window.setInterval(tick, 1000);
    tick();
  }
})();
