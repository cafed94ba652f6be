/*
 * The benchmark's baseline widget: <plain-news-widget src> fetches the feed
 * and renders it with the plain-JS renderer (plain-renderer.js, loaded first)
 * into a shadow root styled by the same news-widget.css. Equal work to
 * <news-widget>, without WebAssembly; used only by scripts/bench.
 */
(function () {
  'use strict';
  var cssUrl = new URL('/widget/news-widget.css', document.baseURI).href;
  var sheet = fetch(cssUrl).then(function (r) { return r.text(); })
    .then(function (t) { return new CSSStyleSheet().replace(t); });
  class PlainNewsWidget extends HTMLElement {
    connectedCallback() {
      var self = this;
      var root = this.attachShadow({ mode: 'open' });
      var src = new URL(this.getAttribute('src'), document.baseURI).href;
      Promise.all([fetch(src).then(function (r) { return r.text(); }), sheet]).then(function (r) {
        root.adoptedStyleSheets = [r[1]];
        var mount = document.createElement('div');
        mount.className = 'nw-mount';
        mount.innerHTML = window.PlainNewsRenderer.render(r[0], Math.round(self.getBoundingClientRect().width), src);
        root.append(mount);
        self.dispatchEvent(new CustomEvent('plain-news-widget:rendered', { bubbles: true }));
      });
    }
  }
  customElements.define('plain-news-widget', PlainNewsWidget);
})();
