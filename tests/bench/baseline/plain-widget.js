/*
 * The benchmark's baseline widget: <plain-news-widget src> fetches the feed
 * and renders it with the plain-JS renderer (plain-renderer.js) into a shadow
 * root styled by the widget's own stylesheet. Equal work to <news-widget>,
 * without WebAssembly, shipped the way a partner writing a plain-JS widget
 * would: renderer, element and CSS in one file, so one request plus the feed.
 *
 * Not runnable as written: tests/bench/baseline.mjs builds the one file from
 * plain-renderer.js and this element, with PLAIN_WIDGET_CSS defined as the
 * stylesheet's minified text, and minifies it as the loader is minified.
 * Used only by scripts/bench, and by tests/js/baseline.test.mjs.
 */
/* global PLAIN_WIDGET_CSS, PlainNewsRenderer */
(function () {
  'use strict';
  var sheet = null; // one constructable stylesheet for every widget on the page
  function styles() {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(PLAIN_WIDGET_CSS);
    }
    return sheet;
  }
  class PlainNewsWidget extends HTMLElement {
    connectedCallback() {
      var self = this;
      var root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [styles()];
      var src = new URL(this.getAttribute('src'), document.baseURI).href;
      fetch(src).then(function (r) { return r.text(); }).then(function (text) {
        var mount = document.createElement('div');
        mount.className = 'nw-mount';
        mount.setAttribute('part', 'container');
        mount.innerHTML = PlainNewsRenderer.render(text, Math.round(self.getBoundingClientRect().width), src);
        root.append(mount);
        self.dispatchEvent(new CustomEvent('plain-news-widget:rendered', { bubbles: true }));
      });
    }
  }
  customElements.define('plain-news-widget', PlainNewsWidget);
})();
