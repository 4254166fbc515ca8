// minutebook: progressive enhancement only. Every page works without this file.
//
// On an item page, following a fact's "in text" link (or landing on one from a
// search result) outlines every piece of that fact's words, not only the first,
// and hovering or focusing a fact in a panel shows where it stands in the text.
// Pressing "/" outside a text field moves focus to the first search box.
(function () {
  "use strict";

  function marksFor(anchor) {
    var found = [];
    document.querySelectorAll("mark.fact[data-facts]").forEach(function (mark) {
      if (mark.getAttribute("data-facts").split(" ").indexOf(anchor) !== -1) {
        found.push(mark);
      }
    });
    return found;
  }

  function show(anchor, className) {
    document.querySelectorAll("mark.fact." + className).forEach(function (mark) {
      mark.classList.remove(className);
    });
    if (!anchor) { return; }
    marksFor(anchor).forEach(function (mark) { mark.classList.add(className); });
  }

  function fromHash() {
    var anchor = window.location.hash.slice(1);
    // Only fact anchors ("s12-80"): anything else must not reach a selector.
    if (!/^s\d+-\d+$/.test(anchor)) { anchor = ""; }
    show(anchor, "focus");
    document.querySelectorAll(".panel li.active").forEach(function (li) {
      li.classList.remove("active");
    });
    if (!anchor) { return; }
    document.querySelectorAll('.panel li[data-anchor="' + anchor + '"]').forEach(function (li) {
      li.classList.add("active");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("source")) {
      fromHash();
      window.addEventListener("hashchange", fromHash);
      document.querySelectorAll(".panel li[data-anchor]").forEach(function (li) {
        var anchor = li.getAttribute("data-anchor");
        li.addEventListener("mouseenter", function () { show(anchor, "focus"); });
        li.addEventListener("focusin", function () { show(anchor, "focus"); });
        li.addEventListener("mouseleave", fromHash);
      });
    }
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
        target.tagName === "SELECT" || target.isContentEditable);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        var box = document.querySelector('input[type="search"]');
        if (box) { event.preventDefault(); box.focus(); }
      }
    });
  });
})();
