// eightk report: moving around the page. Builds nothing from the filing's text
// except through textContent and a sandboxed iframe's srcdoc.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("eightk-data").textContent);
  var body = document.body;

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function showView(key) {
    all(".view").forEach(function (v) { v.hidden = v.id !== key; });
    all("nav.docs a[data-view]").forEach(function (a) {
      a.classList.toggle("on", a.getAttribute("data-view") === key);
    });
  }

  function flash(elements) {
    elements.forEach(function (e) {
      e.classList.remove("flash");
      void e.offsetWidth; // restart the animation
      e.classList.add("flash");
    });
  }

  function current(elements) {
    all(".cur").forEach(function (e) { e.classList.remove("cur"); });
    elements.forEach(function (e) { e.classList.add("cur"); });
  }

  // Show mark `id` (a field or a diagnostic) in its view, centred, flashing.
  function goMark(id) {
    var found = all('.view [data-m~="' + CSS.escape(String(id)) + '"]');
    if (!found.length) { return false; }
    var view = found[0].closest(".view");
    showView(view.id);
    found[0].scrollIntoView({ block: "center" });
    // blocks of lines around the target are laid out only now (content-visibility):
    // once they are, their real heights may move it; put it back in the middle
    requestAnimationFrame(function () { found[0].scrollIntoView({ block: "center" }); });
    current(found);
    flash(found);
    return true;
  }

  function goDiagnostic(k) {
    var entry = document.getElementById("d" + k);
    if (!entry) { return; }
    entry.scrollIntoView({ block: "nearest" });
    flash([entry]);
  }

  function goField(ids) {
    for (var i = 0; i < ids.length; i++) {
      var link = document.querySelector('aside.fields [data-go="' + CSS.escape(ids[i]) + '"]');
      if (link) {
        link.scrollIntoView({ block: "nearest" });
        flash([link.closest("dd")]);
        return;
      }
    }
  }

  function closeOriginal(view) {
    var pane = view.querySelector(".orig-pane");
    pane.hidden = true;
    pane.replaceChildren();
    view.classList.remove("with-orig");
  }

  // The original HTML of a region: made safe when the page was written, shown
  // in an iframe that may run nothing (sandbox="") under the page's CSP.
  function openOriginal(regionId) {
    var html = data.originals[regionId];
    var start = data.originals.head;
    var region = document.getElementById(regionId);
    if (typeof html !== "string" || typeof start !== "string" || !region) { return; }
    var view = region.closest(".view");
    var pane = view.querySelector(".orig-pane");
    var head = document.createElement("div");
    head.className = "oh";
    var label = region.querySelector("header.rl");
    var title = document.createElement("b");
    title.textContent = "original HTML (made safe): " +
      (label ? label.firstChild.textContent : regionId);
    var close = document.createElement("button");
    close.textContent = "close";
    close.style.marginLeft = "8px";
    close.addEventListener("click", function () { closeOriginal(view); });
    head.append(title, close);
    var frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.setAttribute("title", "original HTML of " + regionId);
    frame.srcdoc = start + html + "</body></html>";
    pane.replaceChildren(head, frame);
    pane.hidden = false;
    fitPane(view);
    view.classList.add("with-orig");
    region.scrollIntoView({ block: "start" });
    current([region]);
  }

  // The pane stays in sight while the lines scroll: as tall as the view's box.
  function fitPane(view) {
    var pane = view.querySelector(".orig-pane");
    var box = view.closest(".views");
    if (pane && box && !pane.hidden) {
      pane.style.height = Math.max(240, box.clientHeight - 30) + "px";
    }
  }

  function applyFilters() {
    all(".filters input[data-sev]").forEach(function (box) {
      body.classList.toggle("hs-" + box.getAttribute("data-sev"), !box.checked);
    });
    all(".filters input[data-fam]").forEach(function (box) {
      body.classList.toggle("hf-" + box.getAttribute("data-fam"), !box.checked);
    });
    var entries = all(".dlist > li");
    var shown = entries.filter(function (li) { return li.offsetParent !== null; }).length;
    document.querySelector(".filters .shown").textContent =
      "showing " + shown + " of " + entries.length;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var link = target.closest("[data-go], [data-view], [data-diag], [data-orig]");
    if (link) {
      event.preventDefault();
      if (link.hasAttribute("data-orig")) { openOriginal(link.getAttribute("data-orig")); }
      else if (link.hasAttribute("data-go")) { goMark(link.getAttribute("data-go")); }
      else if (link.hasAttribute("data-diag")) { goDiagnostic(link.getAttribute("data-diag")); }
      else {
        showView(link.getAttribute("data-view"));
        var shown = document.getElementById(link.getAttribute("data-view"));
        if (shown) { shown.scrollIntoView({ block: "start" }); }
      }
      return;
    }
    var mark = target.closest(".view .m[data-m]");
    if (mark) { goField(mark.getAttribute("data-m").split(" ")); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { all(".view.with-orig").forEach(closeOriginal); }
  });
  all(".filters input").forEach(function (box) { box.addEventListener("change", applyFilters); });
  window.addEventListener("resize", function () { all(".view.with-orig").forEach(fitPane); });

  var first = document.querySelector(".view:not([hidden])");
  if (first) { showView(first.id); }
  applyFilters();
})();
