/*
 * Draws every [data-diagram] block of the page with the vendored Mermaid (no network), and
 * gives the ones marked data-zoom a zoom and pan of their own: mouse wheel or the + / − buttons
 * zoom around the pointer, dragging pans, "Fit" shows everything again. The page itself never
 * grows wider than the window: the SVG is drawn to the block's width and moved through its viewBox.
 * Mermaid itself (data-mermaid on this script's tag) is fetched after the page's load event.
 */
(function () {
  "use strict";

  var mermaidSource = document.currentScript && document.currentScript.getAttribute("data-mermaid");

  function initialise() {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      maxTextSize: 1000000,
      maxEdges: 5000,
      flowchart: { htmlLabels: true, useMaxWidth: true },
    });
  }

  function report(block, error) {
    var note = block.parentNode.querySelector(".diagram-error");
    if (!note) return;
    note.textContent = "The diagram could not be drawn: " + error;
    note.hidden = false;
  }

  function zoomable(block, svg) {
    var box = svg.viewBox.baseVal;
    var full = { x: box.x, y: box.y, w: box.width, h: box.height };
    var width = svg.parentNode.clientWidth;
    // Never magnify a small diagram at first sight; shrink a big one to the block's width.
    var scale = Math.min(1, width / full.w);
    var height = Math.round(Math.max(240, Math.min(window.innerHeight * 0.75, full.h * scale)));
    svg.removeAttribute("style");
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.style.display = "block";
    var view = {};

    function apply() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    }
    function fit() {
      var s = Math.min(1, width / full.w, height / full.h);
      view = { w: width / s, h: height / s };
      view.x = full.x + (full.w - view.w) / 2;
      view.y = full.y + (full.h - view.h) / 2;
      apply();
    }
    function unitsPerPixel() {
      return Math.max(view.w / svg.clientWidth, view.h / svg.clientHeight);
    }
    function zoom(factor, clientX, clientY) {
      var rect = svg.getBoundingClientRect();
      var px = clientX === undefined ? rect.width / 2 : clientX - rect.left;
      var py = clientY === undefined ? rect.height / 2 : clientY - rect.top;
      var u = unitsPerPixel();
      var x = view.x + (px - (rect.width - view.w / u) / 2) * u;
      var y = view.y + (py - (rect.height - view.h / u) / 2) * u;
      view = { x: x - (x - view.x) * factor, y: y - (y - view.y) * factor, w: view.w * factor, h: view.h * factor };
      apply();
    }

    block.addEventListener("wheel", function (event) {
      event.preventDefault();
      zoom(event.deltaY < 0 ? 0.8 : 1.25, event.clientX, event.clientY);
    }, { passive: false });

    var drag = null;
    block.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, y: event.clientY, moved: false };
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true;
      block.classList.add("panning");
      var u = unitsPerPixel();
      view.x -= dx * u;
      view.y -= dy * u;
      drag.x = event.clientX;
      drag.y = event.clientY;
      apply();
    });
    window.addEventListener("pointerup", function () {
      block.classList.remove("panning");
      setTimeout(function () { drag = null; }, 0);
    });
    // A drag that ends on a model's box must not open its changelist.
    block.addEventListener("click", function (event) {
      if (drag && drag.moved) { event.preventDefault(); event.stopPropagation(); }
    }, true);

    var controls = document.querySelectorAll('[data-zoom-for="' + block.id + '"] [data-zoom-action]');
    controls.forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-zoom-action");
        if (action === "fit") fit();
        else zoom(action === "in" ? 0.8 : 1.25);
      });
    });
    fit();
  }

  function draw() {
    initialise();
    document.querySelectorAll("[data-diagram]").forEach(function (block) {
      var source = block.querySelector(".mermaid");
      mermaid.run({ nodes: [source] }).then(function () {
        var svg = block.querySelector("svg");
        if (svg && block.hasAttribute("data-zoom")) zoomable(block, svg);
        block.setAttribute("data-drawn", "true");
      }).catch(function (error) { report(block, error); });
    });
  }

  function load() {
    var blocks = document.querySelectorAll("[data-diagram]");
    if (!blocks.length) return;
    if (window.mermaid) { draw(); return; }
    var script = document.createElement("script");
    script.src = mermaidSource;
    script.onload = draw;
    script.onerror = function () {
      blocks.forEach(function (block) { report(block, "Mermaid could not be loaded from " + mermaidSource); });
    };
    document.head.appendChild(script);
  }

  if (document.readyState === "complete") load();
  else window.addEventListener("load", load);
})();
