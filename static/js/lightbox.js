/* Gallery lightbox (events/includes/gallery.html): a modal <dialog> with the large
   photo, caption, counter, buttons, ←/→ Home/End, swipe, Esc. Both ends wrap around.
   Focus returns to the link that opened it. Without JS the links open the JPEG. */
(function () {
  "use strict";
  if (window.ngtLightbox || typeof HTMLDialogElement !== "function") return;
  window.ngtLightbox = true;

  var SWIPE = 40;
  var dialog, stage, frame, caption, counter, close, prev, next;
  var links = [], index = 0, opener = null, format = "", start = null;

  function el(tag, className, parent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (parent) parent.appendChild(node);
    return node;
  }

  function button(className, glyph, parent, action) {
    var node = el("button", className, parent);
    node.type = "button";
    el("span", "", node).textContent = glyph;
    node.firstChild.setAttribute("aria-hidden", "true");
    node.addEventListener("click", action);
    return node;
  }

  function build() {
    dialog = el("dialog", "lightbox", document.body);
    var bar = el("div", "lightbox-bar", dialog);
    counter = el("p", "lightbox-counter", bar);
    close = button("lightbox-close", "\u00d7", bar, function () { dialog.close(); });
    stage = el("figure", "lightbox-stage", dialog);
    frame = el("div", "lightbox-frame", stage);
    caption = el("figcaption", "lightbox-caption", stage);
    counter.setAttribute("aria-live", "polite");
    caption.setAttribute("aria-live", "polite");
    prev = button("lightbox-prev", "\u2039", dialog, function () { show(index - 1); });
    next = button("lightbox-next", "\u203a", dialog, function () { show(index + 1); });
    dialog.addEventListener("close", closed);
    dialog.addEventListener("keydown", key);
    frame.addEventListener("pointerdown", down);
    frame.addEventListener("pointerup", up);
    frame.addEventListener("pointercancel", function () { start = null; });
    window.addEventListener("resize", function () {
      if (!dialog.open) return;
      var size = sizes(links[index]);
      frame.querySelectorAll("source, img").forEach(function (n) { n.sizes = size; });
    });
  }

  function label(gallery) {
    var data = gallery.dataset;
    format = data.labelCounter || "{current} / {total}";
    dialog.setAttribute("aria-label", data.labelDialog || "");
    close.setAttribute("aria-label", data.labelClose || "Close");
    prev.setAttribute("aria-label", data.labelPrevious || "Previous");
    next.setAttribute("aria-label", data.labelNext || "Next");
  }

  /* The width shown at, for srcset; the same for a neighbour preloaded now. */
  function sizes(link) {
    var w = frame.clientWidth, ratio = link.dataset.width / link.dataset.height;
    if (ratio > 0) w = Math.min(w, stage.clientHeight * ratio);
    return Math.max(1, Math.ceil(w)) + "px";
  }

  /* The grid picture's srcsets and alt, with the 1600 px JPEG as src. */
  function picture(link) {
    var small = link.querySelector("img"), webp = link.querySelector("source");
    var size = sizes(link), node = el("picture");
    if (webp) {
      var source = el("source", "", node);
      source.type = "image/webp";
      source.sizes = size;
      source.srcset = webp.getAttribute("srcset");
    }
    var img = el("img", "", node);
    img.alt = small ? small.alt : link.dataset.caption || "";
    img.draggable = false;
    if (link.dataset.width) {
      img.width = link.dataset.width;
      img.height = link.dataset.height;
    }
    /* The grid's image, already loaded, shows until the large one arrives. */
    if (small && small.currentSrc) img.style.backgroundImage = 'url("' + small.currentSrc + '")';
    if (small && small.getAttribute("srcset")) {
      img.sizes = size;
      img.srcset = small.getAttribute("srcset");
    }
    img.src = link.dataset.lightboxSrc || link.href;
    return node;
  }

  function show(i) {
    var n = links.length;
    index = (i % n + n) % n;
    var link = links[index], ratio = link.dataset.width / link.dataset.height;
    frame.style.setProperty("--ratio", ratio > 0 ? ratio : 4 / 3);
    frame.replaceChildren(picture(link));
    caption.textContent = link.dataset.caption || "";
    caption.hidden = !caption.textContent;
    counter.textContent = format.replace("{current}", index + 1).replace("{total}", n);
    dialog.classList.toggle("lightbox-single", n < 2);
    if (n > 1) {
      picture(links[(index + 1) % n]);
      picture(links[(index + n - 1) % n]);
    }
  }

  function open(link) {
    var gallery = link.closest("[data-lightbox]");
    if (!dialog) build();
    label(gallery);
    links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-lightbox-src]"));
    opener = link;
    var root = document.documentElement;
    root.style.setProperty("--lightbox-gutter", window.innerWidth - root.clientWidth + "px");
    root.classList.add("lightbox-open");
    dialog.showModal();
    show(links.indexOf(link));
    close.focus();
  }

  function closed() {
    document.documentElement.classList.remove("lightbox-open");
    frame.replaceChildren();
    if (opener) opener.focus();
    opener = null;
  }

  function key(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var moves = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: -1 };
    if (!moves.hasOwnProperty(event.key)) return;
    event.preventDefault();
    show(moves[event.key]);
  }

  function down(event) {
    start = event.isPrimary && event.button < 1 ? [event.clientX, event.clientY] : null;
    try { if (start) frame.setPointerCapture(event.pointerId); } catch (e) { /* gone */ }
  }

  function up(event) {
    if (!start || !event.isPrimary) return;
    var dx = event.clientX - start[0], dy = event.clientY - start[1];
    start = null;
    if (Math.abs(dx) > SWIPE && Math.abs(dx) > Math.abs(dy)) show(index + (dx < 0 ? 1 : -1));
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.altKey || event.ctrlKey ||
        event.metaKey || event.shiftKey || !event.target.closest) return;
    var link = event.target.closest("[data-lightbox] a[data-lightbox-src]");
    if (!link) return;
    event.preventDefault();
    open(link);
  });
})();
