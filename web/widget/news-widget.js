/*
 * news-widget.js: the <news-widget> loader that partner pages embed.
 *
 *   <script async src="https://HOST/widget/news-widget.js"></script>
 *   <news-widget src="https://HOST/api/articles/ID"></news-widget>
 *
 * It defines the custom element, fetches the article JSON and the C++ core
 * (news-widget.wasm) at the same time, and puts the core's HTML into the
 * element's shadow root. Every decision about what the reader sees is made by
 * the core; this file only moves bytes, observes the container's width and
 * reports what happened. Public contract: README.md ("The embed").
 */
(function () {
  'use strict';

  var g = typeof globalThis !== 'undefined' ? globalThis : self;
  // For partners' own timing: when the loader started (User Timing).
  if (typeof performance !== 'undefined' && performance.mark) performance.mark('news-widget:script-start');
  // Included twice (or more): the first copy owns the element and the API.
  if (g.NewsWidget && g.NewsWidget.abiVersion) return;

  var ABI_VERSION = 2; // must equal news_widget::abi_version in the core
  var EVENT_RENDERED = 'news-widget:rendered';
  var EVENT_ERROR = 'news-widget:error';
  var EVENT_IMPRESSION = 'news-widget:impression';
  var EVENT_CLICK = 'news-widget:click';
  // Viewable (the IAB display standard): this share of the card in view for
  // VIEW_MS without a break, while the page is visible; a card larger than
  // IAB_LARGE_PX2 needs only the large-ad share.
  var VIEW_MS = 1000;
  var VIEW_SHARE = 0.5;
  var VIEW_SHARE_LARGE = 0.3;
  var IAB_LARGE_PX2 = 242500;
  var FETCH_TIMEOUT_MS = 4500; // per attempt; two attempts stay under 10 s
  var NEAR_VIEWPORT_PX = 600;  // start loading this far before the widget scrolls into view
  // A feed that takes the render through the same code paths as a real one.
  var WARM_UP_FEED = '{"version":1,"site":{"name":"s","locale":"en-GB","time_zone":"Europe/Stockholm"},' +
    '"article":{"title":"t","lead":"l","url":"https://a.example/a","published":"2024-01-01T00:00:00Z",' +
    '"updated":"2024-01-02T00:00:00Z","image":{"url":"https://a.example/i.jpg","width":4,"height":3,"credit":"c"},' +
    '"body":["b \\u00e9"],"tags":["t"],"byline":"b","note":"n"},"related":[{"title":"r","url":"/r","minutes":2}]}';
  // The core's option table (news_widget::option_names), written out: the
  // attributes forwarded to the core. tests/js/options.test.mjs checks it.
  var OPTION_ATTRIBUTES = ['locale', 'layout', 'max-related', 'heading-level', 'theme', 'show', 'item',
    'format'];

  // Taken now, before a host script can patch them later.
  var jsonParse = JSON.parse;
  var jsonStringify = JSON.stringify;

  var doc = typeof document !== 'undefined' ? document : null;
  var scriptEl = doc && doc.currentScript;
  var assetBase = scriptEl && scriptEl.src ? scriptEl.src : (doc ? doc.baseURI : '');

  function assetUrl(name) {
    return new URL(name, assetBase).href;
  }

  // Runs `fn` in a task of its own, ahead of the page's other queued work
  // where the browser can (scheduler.postTask), else after it (setTimeout).
  function inNewTask(fn) {
    try {
      g.scheduler.postTask(fn, { priority: 'user-blocking' }).catch(() => {});
    } catch (err) {
      setTimeout(fn, 0);
    }
  }

  // ---------------------------------------------------------------------------
  // The core: instantiate news-widget.wasm and call its plain-C exports.

  var encoder = new TextEncoder();
  var decoder = new TextDecoder();

  // An Error that says where it happened: its stage becomes the error
  // event's stage ('core' unless given).
  function stageError(message, stage) {
    var err = new Error(message);
    err.stage = stage || 'core';
    return err;
  }

  function importsFor() {
    // The module's one import (memory grows inside it; the views below are
    // re-made from memory.buffer on every call).
    return {
      wasi_snapshot_preview1: {
        proc_exit: function (code) {
          throw stageError('the core stopped (exit ' + code + ')');
        },
      },
    };
  }

  // Wraps an instantiated module. render() takes the feed (and optionally a
  // related feed) as a string or as UTF-8 bytes and returns
  // {ok, html, diagnostics, estimatedHeight, format, layout}
  // (layout: the variant's name, as the core chose it; null when !ok).
  function makeRenderer(instance) {
    var x = instance.exports;
    var abi = typeof x.nw_abi_version === 'function' ? x.nw_abi_version() : '?';
    if (abi !== ABI_VERSION) {
      throw stageError('news-widget.wasm does not match this loader (ABI ' + abi + ', expected ' +
        ABI_VERSION + ')');
    }
    if (typeof x._initialize === 'function') x._initialize();
    var broken = false;

    function put(bytes) {
      var ptr = x.nw_alloc(bytes.length);
      if (!ptr) throw stageError('the core is out of memory');
      new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
      return ptr;
    }

    function text(ptr, len) {
      return decoder.decode(new Uint8Array(x.memory.buffer, ptr, len));
    }

    return {
      get broken() { return broken; },
      variantForWidth: function (widthPx) {
        return x.nw_variant_for_width(widthPx | 0);
      },
      render: function (feed, widthPx, optionsQuery, relatedFeed) {
        var json = typeof feed === 'string' ? encoder.encode(feed) : feed;
        var opts = encoder.encode(optionsQuery || '');
        var related = typeof relatedFeed === 'string' ? encoder.encode(relatedFeed) : relatedFeed;
        var jsonPtr = 0;
        var optsPtr = 0;
        var relatedPtr = 0;
        try {
          jsonPtr = put(json);
          optsPtr = put(opts);
          if (related && related.length) relatedPtr = put(related);
          var ok = x.nw_render(jsonPtr, json.length, widthPx | 0, optsPtr, opts.length,
            relatedPtr, relatedPtr ? related.length : 0) === 1;
          var diagnostics = jsonParse(text(x.nw_diagnostics_ptr(), x.nw_diagnostics_len()));
          var formatPtr = x.nw_format();
          var formatEnd = formatPtr;
          var memoryBytes = new Uint8Array(x.memory.buffer);
          while (memoryBytes[formatEnd]) formatEnd++;
          return {
            ok: ok,
            html: text(x.nw_html_ptr(), x.nw_html_len()),
            diagnostics: diagnostics,
            estimatedHeight: x.nw_estimated_height(),
            layout: ok ? text(x.nw_layout_ptr(), x.nw_layout_len()) : null,
            format: text(formatPtr, formatEnd - formatPtr),
          };
        } catch (err) {
          // A trap leaves the module's state unknown: never call it again.
          broken = true;
          throw err.stage ? err : stageError('the core failed: ' + err.message);
        } finally {
          if (!broken) {
            if (jsonPtr) x.nw_free(jsonPtr);
            if (optsPtr) x.nw_free(optsPtr);
            if (relatedPtr) x.nw_free(relatedPtr);
          }
        }
      },
    };
  }

  // Instantiates from bytes (ArrayBuffer / typed array) or a fetch Response promise.
  function instantiateCore(source) {
    var imports = importsFor();
    var pending;
    if (source && typeof source.then === 'function') {
      pending = source.then((response) => {
        if (!response.ok) {
          throw stageError('news-widget.wasm: HTTP ' + response.status, 'load');
        }
        var type = response.headers.get('Content-Type') || '';
        if (WebAssembly.instantiateStreaming && type.indexOf('application/wasm') === 0) {
          return WebAssembly.instantiateStreaming(response, imports);
        }
        return response.arrayBuffer().then((bytes) => {
          return WebAssembly.instantiate(bytes, imports);
        });
      });
    } else {
      pending = WebAssembly.instantiate(source, imports);
    }
    return pending.then((result) => {
      var renderer = makeRenderer(result.instance || result);
      // Browsers compile wasm functions on their first call. One small render
      // now (for the page's widgets: while the feed is still on its way)
      // takes that cost off the first real render.
      renderer.render(WARM_UP_FEED, 600, '');
      return renderer;
    }, (err) => {
      if (err && err.stage) throw err;
      var message = String(err && err.message || err);
      if (/wasm-unsafe-eval|Content Security Policy|CSP/i.test(message)) {
        throw stageError('the page\'s Content Security Policy blocks WebAssembly: ' +
          'script-src needs \'wasm-unsafe-eval\'', 'csp');
      }
      throw stageError('news-widget.wasm could not be loaded: ' + message, 'load');
    });
  }

  // The core comes as five modules: news-widget-v1.wasm reads our own format
  // (news-widget JSON) and is about two thirds the size of news-widget.wasm,
  // which reads every format; news-widget-json-feed.wasm, -json-ld.wasm and
  // -wordpress.wasm read our own format and the publisher's format they are
  // named after. A widget starts with the one its format attribute asks for
  // (none, or "news-widget": the small one; a value that names no format:
  // the one for every format); a feed that module refuses as another format
  // ("feed.other_format") is rendered again with the one for every format.
  // Each module is fetched once for every widget on the page, and re-made
  // after a trap.
  // By the format each module is for ('all': every format).
  var CORE_FILES = {
    'news-widget': 'news-widget-v1.wasm',
    'json-feed': 'news-widget-json-feed.wasm',
    'json-ld': 'news-widget-json-ld.wasm',
    wordpress: 'news-widget-wordpress.wasm',
    all: 'news-widget.wasm',
  };
  var corePromises = {};
  var readyCore = null;  // the last module loaded: it writes the error notice
  function loadCore(kind) {
    if (!corePromises[kind]) {
      var pending = corePromises[kind] =
        instantiateCore(fetch(assetUrl(CORE_FILES[kind]), { credentials: 'omit' }));
      pending.then((renderer) => { readyCore = renderer; },
        () => { if (corePromises[kind] === pending) corePromises[kind] = null; });
    }
    return corePromises[kind].then((renderer) => {
      if (!renderer.broken) return renderer;
      corePromises[kind] = null;
      return loadCore(kind);
    });
  }

  // True when a module but the one for every format refused the feed, or the
  // related feed, as a format it does not read.
  function otherFormat(result) {
    for (var i = 0; i < result.diagnostics.length; i++) {
      var id = result.diagnostics[i].id;
      if (id === 'feed.other_format' || id === 'related.other_format') return true;
    }
    return false;
  }

  // The core's HTML as the page's Trusted Types want it: a page that enforces
  // them (require-trusted-types-for 'script') lets the widget write markup
  // when its policy allows the name "news-widget". The policy passes the
  // core's HTML through unchanged: every string from a feed in it is escaped.
  var htmlPolicy = null;
  try {
    if (g.trustedTypes && g.trustedTypes.createPolicy) {
      htmlPolicy = g.trustedTypes.createPolicy('news-widget', { createHTML: function (html) { return html; } });
    }
  } catch (err) {
    // Not allowed by the page's policy: a page that also enforces them gets the error state.
  }
  // Sets `el`'s markup. A page that enforces Trusted Types without allowing
  // the policy refuses the string with a TypeError, in every engine's own
  // words: that refusal becomes the error that names the directive to change.
  function setHtml(el, html) {
    try {
      el.innerHTML = htmlPolicy ? htmlPolicy.createHTML(html) : html;
    } catch (err) {
      if (!htmlPolicy && g.trustedTypes && err instanceof TypeError) {
        throw stageError('the page\'s Trusted Types policy blocks the card: trusted-types needs news-widget', 'csp');
      }
      throw err;
    }
  }

  // An image of the card that does not load (a dead or hotlink-protected
  // link in a feed) gives way to a box with its class and its size: the
  // reader sees the card's plain image background where the image was to
  // be, not the browser's broken-image icon and alt text. The alt text stays
  // with the box, for assistive technology. The size goes in through the
  // CSSOM, which a style-src policy allows.
  function replaceBrokenImage(imgEl) {
    if (imgEl.localName !== 'img' || !imgEl.parentNode) return;
    var boxEl = doc.createElement('span');
    boxEl.className = imgEl.className;
    var alt = imgEl.getAttribute('alt');
    if (alt) {
      boxEl.setAttribute('role', 'img');
      boxEl.setAttribute('aria-label', alt);
    }
    if (imgEl.getAttribute('height') > 0) {
      boxEl.style.aspectRatio = imgEl.getAttribute('width') + '/' + imgEl.getAttribute('height');
    }
    imgEl.replaceWith(boxEl);
  }

  // True when `html` parses to the same markup that `el` holds.
  function sameMarkup(el, html) {
    var templateEl = doc.createElement('template');
    setHtml(templateEl, html);
    return templateEl.innerHTML === el.innerHTML;
  }

  // ---------------------------------------------------------------------------
  // Styles: one constructable stylesheet shared by every shadow root (no
  // inline <style>, so a strict style-src CSP needs no 'unsafe-inline').
  // The built loader carries the minified news-widget.css as a string:
  // scripts/minify.mjs puts it in place of the placeholder below, so the
  // sheet is made without a request of its own. Unbuilt (straight from web/),
  // the placeholder stays null and the stylesheet is fetched; a browser
  // without constructable stylesheets gets a <link> in each shadow root.

  var STYLES_TEXT = /* news-widget:styles-text */ null;

  var sheetPromise = null;
  function loadStyles() {
    if (!sheetPromise) {
      var canAdopt = doc && 'adoptedStyleSheets' in Document.prototype &&
        typeof CSSStyleSheet === 'function' && 'replace' in CSSStyleSheet.prototype;
      if (!canAdopt) {
        sheetPromise = Promise.resolve(null);
      } else if (typeof STYLES_TEXT === 'string') {
        sheetPromise = new Promise((resolve) => {
          var sheet = new CSSStyleSheet();
          sheet.replaceSync(STYLES_TEXT);
          resolve(sheet);
        }).catch(() => { return null; }); // fall back to a <link> in each root
      } else {
        sheetPromise = fetch(assetUrl('news-widget.css'), { credentials: 'omit' })
          .then((response) => {
            if (!response.ok) throw new Error('news-widget.css: HTTP ' + response.status);
            return response.text();
          })
          .then((cssText) => { return new CSSStyleSheet().replace(cssText); })
          .catch(() => { return null; }); // fall back to a <link> in each root
      }
    }
    return sheetPromise;
  }

  function applyStyles(root, sheet) {
    if (sheet) {
      root.adoptedStyleSheets = [sheet];
    } else if (!root.querySelector('link[data-nw-styles]')) {
      var linkEl = doc.createElement('link');
      linkEl.rel = 'stylesheet';
      linkEl.href = assetUrl('news-widget.css');
      linkEl.setAttribute('data-nw-styles', '');
      root.prepend(linkEl);
    }
  }

  // ---------------------------------------------------------------------------
  // Fetching the feed: a timeout per attempt and one retry on a network
  // failure, a timeout or a 5xx.

  function fetchOnce(url, signal) {
    var controller = new AbortController();
    var timer = setTimeout(() => { controller.abort(); }, FETCH_TIMEOUT_MS);
    var onAbort = () => { controller.abort(); };
    if (signal) signal.addEventListener('abort', onAbort);
    return fetch(url, {
      credentials: 'omit',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    }).then((response) => {
      if (!response.ok) {
        var err = stageError('the article feed answered HTTP ' + response.status, 'fetch');
        err.status = response.status;
        err.retry = response.status >= 500;
        throw err;
      }
      var type = (response.headers.get('Content-Type') || '').toLowerCase();
      if (!/[/+]json\b/.test(type)) {
        throw stageError('the article feed is ' + (type || 'untyped') +
          ', not JSON (Content-Type must be application/json)', 'fetch');
      }
      return response.arrayBuffer().then((buffer) => {
        return { bytes: new Uint8Array(buffer), url: response.url || url };
      });
    }, (cause) => {
      var err = stageError(controller.signal.aborted && !(signal && signal.aborted)
        ? 'the article feed did not answer within ' + FETCH_TIMEOUT_MS / 1000 + ' s'
        : 'the article feed could not be reached (' + (cause && cause.message || cause) + ')', 'fetch');
      err.retry = !(signal && signal.aborted);
      throw err;
    }).finally(() => {
      clearTimeout(timer);
      if (signal) signal.removeEventListener('abort', onAbort);
    });
  }

  function fetchFeed(url, signal) {
    return fetchOnce(url, signal).catch((err) => {
      if (!err.retry) throw err;
      return fetchOnce(url, signal);
    });
  }

  // ---------------------------------------------------------------------------
  // <news-widget>

  var HTMLElementBase = typeof HTMLElement !== 'undefined' ? HTMLElement : function () {};
  var upgrading = false;  // customElements.define() is upgrading the page's elements

  class NewsWidgetElement extends HTMLElementBase {
    static get observedAttributes() {
      // Written out, not derived from OPTION_ATTRIBUTES: a host page may have
      // patched Array methods by the time this runs. 'src' and 'related-src',
      // then the core's options (tests/js/options.test.mjs checks both lists).
      return ['src', 'related-src', 'locale', 'layout', 'max-related', 'heading-level', 'theme',
        'show', 'item', 'format'];
    }

    // The element's own state. Fields not set here start out undefined,
    // which every use reads as null or false:
    //   _feed            {body, url, source}: the last feed received (body: its
    //                    bytes as fetched, or the text given as data)
    //   _related         {bytes, url} or {error}: the related-src feed, when asked for
    //   _abort           the AbortController of the load under way
    //   _resizeObserver, _nearObserver, _viewObserver
    //   _mountEl         the .nw-mount element in the shadow root
    //   _prerendered     the mount holds a server-rendered card not yet re-rendered
    //   _connected       in a document (between connected and disconnected callbacks)
    //   _pendingConnect  set-up put off while upgrading
    //   _impressed       news-widget:impression fires once per element
    //   _allFormats      another module refused this widget's feed as a format it does not read
    //   _relatedSkipped  related-src not fetched, for show="card"
    constructor() {
      super();
      this._variant = -1;       // layout variant of the card on screen
      this._generation = 0;     // bumps on every new load; stale results are dropped
    }

    connectedCallback() {
      this._connected = true;
      if (upgrading) {
        // Elements already on the page, upgraded as this script defines the
        // element: their set-up (shadow root, the styles' request) goes in a
        // task of its own, so the one evaluating this script stays short.
        var later = this._pendingConnect = () => {
          if (this._pendingConnect !== later) return;
          this._pendingConnect = null;
          if (this._connected) this.connectedCallback();
        };
        inNewTask(later);
        return;
      }
      this._pendingConnect = null;
      if (doc.readyState === 'loading') {
        // The parser may still be adding this element's children, a
        // server-rendered (declarative) shadow root among them: start once
        // the document is parsed.
        doc.addEventListener('DOMContentLoaded', () => {
          if (this._connected) this._start();
        }, { once: true });
        return;
      }
      this._start();
    }

    _start() {
      this._reserveHeight();
      if (!this._feed && this.getAttribute('src')) {
        // The requests go out first, before the shadow root is set up: the
        // core (one for every widget, cached for a year) at once, the feed
        // once the layout that tells whether this widget is near the
        // viewport is done. Their answers are awaited after the set-up.
        loadCore(this._coreKind()).catch(() => {});
        this._whenNear(this._load.bind(this));
      }
      this._ensureShadow();
      this._observeWidth();
      if (this._prerendered) this._watchViews();
      if (this._feed) this._render(this._feed.source);
    }

    disconnectedCallback() {
      this._connected = false;
      this._pendingConnect = null;
      if (this._resizeObserver) this._resizeObserver.disconnect();
      this._resizeObserver = null;
      if (this._nearObserver) this._nearObserver.disconnect();
      this._nearObserver = null;
      if (this._viewObserver) this._viewObserver.stop();
      if (this._abort) this._abort.abort();
    }

    // height-hint="N": min-height N px until the first card is on screen, so
    // content below it does not move when the card arrives (the embed tool
    // writes the same reserve into the style attribute, for the time before
    // this script runs).
    _reserveHeight() {
      var hint = +this.getAttribute('height-hint');
      if (hint > 0 && hint <= 20000 && !this.classList.contains('news-widget--rendered')) {
        this.style.minHeight = Math.round(hint) + 'px';
      }
    }

    // news-widget:impression, once, when the card has been viewable for
    // VIEW_MS without a break; a hidden page (background tab, minimised
    // window) breaks it.
    _watchViews() {
      if (this._impressed || this._viewObserver || typeof IntersectionObserver === 'undefined') return;
      var inView = false;
      var timer = 0;
      var update = () => {
        clearTimeout(timer);
        timer = 0;
        if (inView && doc.visibilityState === 'visible') {
          timer = setTimeout(() => {
            this._impressed = true;
            watch.stop();
            this._emit(EVENT_IMPRESSION, {});
          }, VIEW_MS);
        }
      };
      var observer = new IntersectionObserver((entries) => {
        var e = entries[entries.length - 1];
        var box = e.boundingClientRect;
        var share = box.width * box.height >= IAB_LARGE_PX2 ? VIEW_SHARE_LARGE : VIEW_SHARE;
        inView = e.isIntersecting && e.intersectionRatio >= share;
        update();
      }, { threshold: [VIEW_SHARE_LARGE, VIEW_SHARE] });
      var watch = this._viewObserver = {
        stop: () => {
          clearTimeout(timer);
          observer.disconnect();
          doc.removeEventListener('visibilitychange', update);
          if (this._viewObserver === watch) this._viewObserver = null;
        },
      };
      observer.observe(this);
      doc.addEventListener('visibilitychange', update);
    }

    // news-widget:click on a link's activation; the link navigates as usual.
    _onClick(event) {
      var linkEl = event.target && event.target.closest && event.target.closest('a[href]');
      // Links of the card only: not the partner's fallback shown through the slot.
      if (!linkEl || linkEl.getRootNode() !== this.shadowRoot ||
        (event.type === 'auxclick' && event.button !== 1)) return;
      var itemEl = linkEl.closest('.nw-related-item');
      var index = 0;
      if (itemEl) {
        for (var n = itemEl; (n = n.previousElementSibling);) index++;
      }
      this._emit(EVENT_CLICK, { kind: itemEl ? 'related' : 'article', index: index, url: linkEl.href });
    }

    // Runs `start` now if the element is in or near the viewport, else once
    // it scrolls near: a widget far down the page costs nothing until then.
    _whenNear(start) {
      if (this._nearObserver) this._nearObserver.disconnect();
      this._nearObserver = null;
      var rect = this.getBoundingClientRect();
      var margin = NEAR_VIEWPORT_PX;
      var viewHeight = g.innerHeight || 0;
      var near = typeof IntersectionObserver === 'undefined' ||
        (rect.bottom >= -margin && rect.top <= viewHeight + margin);
      if (near) {
        start();
        return;
      }
      this._nearObserver = new IntersectionObserver((entries) => {
        var visible = false;
        for (var i = 0; i < entries.length; i++) visible = visible || entries[i].isIntersecting;
        if (!visible) return;
        this._nearObserver.disconnect();
        this._nearObserver = null;
        start();
      }, { rootMargin: margin + 'px 0px' });
      this._nearObserver.observe(this);
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (!this._connected || oldValue === newValue) return;
      if (name === 'src' || (this.getAttribute('src') && (name === 'related-src' ||
          (name === 'show' && this._relatedSkipped && newValue !== 'card')))) {
        this._feed = null;
        if (this.getAttribute('src')) this._whenNear(this._load.bind(this));
      } else if (this._feed) {
        this._render(this._feed.source);
      }
    }

    // The feed as an object or a JSON string, instead of fetching `src`.
    get data() {
      if (!this._feed) return null;
      return typeof this._feed.body === 'string' ? this._feed.body : decoder.decode(this._feed.body);
    }

    set data(value) {
      var textValue;
      try {
        textValue = typeof value === 'string' ? value : jsonStringify(value);
      } catch (err) {
        this._fail({ stage: 'data', message: 'the data could not be turned into JSON: ' + err.message });
        return;
      }
      if (this._pendingConnect) this._pendingConnect();  // set up now, to show the data
      if (this._abort) this._abort.abort();
      // The data replaces any load of `src` still waiting to start.
      if (this._nearObserver) this._nearObserver.disconnect();
      this._nearObserver = null;
      this._generation++;
      this._feed = { body: textValue === undefined ? '' : textValue, url: doc ? doc.baseURI : '', source: 'data' };
      this._render('data');
    }

    _ensureShadow() {
      if (this.shadowRoot && this._mountEl) return;
      var root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      // Keep whatever a server already rendered into a declarative shadow root:
      // it stays on screen until the first render, and through any failure.
      this._mountEl = root.querySelector('.nw-mount');
      if (this._mountEl && this._mountEl.querySelector('.nw-card')) {
        this._prerendered = true;
        // Its two frames are done, or end now: never replayed (as below).
        this._mountEl.classList.remove('nw-tall');
        this.classList.add('news-widget--prerendered');
      }
      if (!this._mountEl) {
        this._mountEl = doc.createElement('div');
        this._mountEl.className = 'nw-mount';
        this._mountEl.setAttribute('part', 'container');
        root.append(this._mountEl);
      }
      var onClick = this._onClick.bind(this);
      root.addEventListener('click', onClick);
      root.addEventListener('auxclick', onClick);
      // Error events do not bubble: caught on their way down to the image.
      root.addEventListener('error', (event) => { replaceBrokenImage(event.target); }, true);
      // A tall card's two frames are done (the mount's nw-hold ended): the
      // class goes, so that showing the element again after hiding it, which
      // restarts a style's animations, does not replay them.
      root.addEventListener('animationend', (event) => { event.target.classList.remove('nw-tall'); });
      if (this._prerendered) {
        // A server-rendered card's images may have failed before this ran:
        // decode() turns them down (an SVG without a natural size does not).
        var imgEls = root.querySelectorAll('img');
        for (var i = 0; i < imgEls.length; i++) {
          if (imgEls[i].decode) imgEls[i].decode().catch(replaceBrokenImage.bind(null, imgEls[i]));
        }
      }
      loadStyles().then((sheet) => { applyStyles(root, sheet); });
    }

    _observeWidth() {
      if (this._resizeObserver || typeof ResizeObserver === 'undefined') return;
      this._resizeObserver = new ResizeObserver(() => {
        // A forced layout stays; "auto" (or none) follows the width.
        var forced = this.getAttribute('layout');
        if (!this._feed || this._variant < 0 || (forced && forced !== 'auto')) return;
        loadCore(this._coreKind()).then((core) => {
          if (core.variantForWidth(this._width()) !== this._variant) this._render(this._feed.source);
        }, () => {});
      });
      this._resizeObserver.observe(this);
    }

    _width() {
      return Math.round(this.getBoundingClientRect().width);
    }

    _optionsQuery(feedUrl, related) {
      var params = new URLSearchParams();
      for (var i = 0; i < OPTION_ATTRIBUTES.length; i++) {
        var value = this.getAttribute(OPTION_ATTRIBUTES[i]);
        if (value !== null) params.set(OPTION_ATTRIBUTES[i], value);
      }
      if (feedUrl) params.set('base', feedUrl);
      if (related && related.url) params.set('related-base', related.url);
      // The related feed failed: the core shows the card without a list and says why.
      if (related && related.error) params.set('related-error', related.error);
      return params.toString();
    }

    _load() {
      var generation = ++this._generation;
      if (this._abort) this._abort.abort();
      this._abort = typeof AbortController !== 'undefined' ? new AbortController() : null;
      var src;
      try {
        src = new URL(this.getAttribute('src'), doc.baseURI).href;
      } catch (err) {
        this._fail({ stage: 'fetch', message: 'the src attribute is not a URL' });
        return;
      }
      var signal = this._abort && this._abort.signal;
      var relatedSrc = this.getAttribute('related-src');
      // show="card" lists nothing: the related feed waits until show asks for a list.
      this._relatedSkipped = !!relatedSrc && this.getAttribute('show') === 'card';
      if (this._relatedSkipped) relatedSrc = null;
      // The related feed's failure is not the card's: it becomes a warning.
      var related = relatedSrc ? new Promise((resolve) => {
        resolve(fetchFeed(new URL(relatedSrc, doc.baseURI).href, signal));
      }).catch((err) => { return { error: err.message }; }) : null;
      this.setAttribute('aria-busy', 'true');
      // Feed, related feed, core and styles load side by side.
      var kind = this._coreKind();
      Promise.all([fetchFeed(src, signal), loadCore(kind), loadStyles(), related])
        .then((results) => {
          if (generation !== this._generation) return;
          this._related = results[3];
          this._feed = { body: results[0].bytes, url: results[0].url, source: 'src' };
          this._render('src');
        }, (err) => {
          // Aborted by the widget itself (disconnected, or given a new feed):
          // not a failure; the next load, if any, has its own outcome.
          if (generation !== this._generation || (signal && signal.aborted)) return;
          // The notice comes from the core, in the card's language: wait for
          // a core still on its way.
          var core = err.stage === 'fetch' && corePromises[kind] ? corePromises[kind] : Promise.resolve();
          core.catch(() => {}).then(() => {
            if (generation !== this._generation) return;
            this._fail({ stage: err.stage || 'load', message: err.message, status: err.status });
          });
        });
    }

    // Which core module this widget renders with (a key of CORE_FILES): the
    // one for the format its format attribute names (news-widget without
    // one), 'all' for a value that names no format or once another module
    // has refused this widget's feed. (typeof: a name such as "toString" is
    // no format either.)
    _coreKind() {
      var format = this._allFormats ? 'all' : this.getAttribute('format') || 'news-widget';
      return typeof CORE_FILES[format] === 'string' ? format : 'all';
    }

    // For the rendered event: the small module was fetched for nothing, as
    // no format attribute named the feed's format. (The core itself checks
    // an attribute's value against the feed: option.format too.)
    _formatAdvice(format) {
      var advice = [];
      if (this._allFormats && this.getAttribute('format') === null) {
        advice[0] = { level: 'warning', id: 'option.format', path: '?format', message:
          (format === 'news-widget' ? 'the related feed is in another format' : 'the feed is ' + format) +
          ': a format attribute naming it loads the core that reads it at once, one download less' };
      }
      return advice;
    }

    // Renders the current feed; before the element is set up (_start) there
    // is nothing to render into, and _start renders the feed itself.
    _render(source) {
      if (!this._connected || !this._mountEl) return;
      var feed = this._feed;
      var generation = this._generation;
      var kind = this._coreKind();
      // Styles first, so the card never shows unstyled.
      Promise.all([loadCore(kind), loadStyles()]).then((ready) => {
        var core = ready[0];
        if (generation !== this._generation || feed !== this._feed || !this._connected) return;
        var width = this._width();
        var related = feed.source === 'src' ? this._related : null;
        var result = core.render(feed.body, width,
          this._optionsQuery(feed.url, related), related && related.bytes);
        if (kind !== 'all' && otherFormat(result)) {
          // Another format: this widget uses the module that reads it from now on.
          this._allFormats = true;
          this._render(source);
          return;
        }
        if (!result.ok) {
          var first = null;
          for (var i = 0; i < result.diagnostics.length && !first; i++) {
            if (result.diagnostics[i].level === 'error') first = result.diagnostics[i];
          }
          this._fail({
            stage: 'feed',
            message: first ? (first.path ? first.path + ': ' : '') + first.message : 'the feed cannot be shown',
            diagnostics: result.diagnostics,
            notice: result.html,
          });
          return;
        }
        this._variant = core.variantForWidth(width);
        // The first card, when its estimated end (even a quarter short) is
        // below the viewport, is laid out in two frames as a server-rendered
        // tall card is (the stylesheet's nw-tall: its top first, holding the
        // viewport's height). Only where the stylesheet's rule applies, a
        // viewport up to 1,000 px high: elsewhere the class would stay, and
        // play its frames when the window is made smaller. Read before the
        // card is in: it lays out none of it. Never again: a re-render's card
        // shows at once.
        var view = doc.documentElement.clientHeight;
        var top = this.classList.contains('news-widget--rendered') || this._prerendered || view > 1000 ? -1
          : this.getBoundingClientRect().top;
        this._mountEl.classList.toggle('nw-tall', top >= 0 && top + result.estimatedHeight * 0.75 >= view);
        // Over a server-rendered card, only replace what differs: an identical
        // card is left alone, so its images are not decoded again.
        if (!this._prerendered || !sameMarkup(this._mountEl, result.html)) {
          setHtml(this._mountEl, result.html);
        }
        this._prerendered = false;
        if (this.hasAttribute('height-hint')) this.style.minHeight = '';  // the reserve gives way to the card
        this._watchViews();
        this.removeAttribute('aria-busy');
        this.classList.remove('news-widget--error');
        this.classList.add('news-widget--rendered');
        // Advice on the format attribute first, then the core's (no Array
        // methods: a host page may have replaced them).
        var diagnostics = this._formatAdvice(result.format);
        for (var d = 0; d < result.diagnostics.length; d++) diagnostics[diagnostics.length] = result.diagnostics[d];
        this._emit(EVENT_RENDERED, {
          source: source,
          format: result.format,
          layout: result.layout,
          width: width,
          estimatedHeight: result.estimatedHeight,
          diagnostics: diagnostics,
        });
      }).catch((err) => {
        if (generation !== this._generation) return;
        this._fail({ stage: err.stage || 'core', message: err.message });
      });
    }

    // The error state: a short notice, the partner's own fallback content
    // (the element's children) below it, and an event with the details.
    _fail(detail) {
      // A load that fails at once (a src that is no URL) comes before the set-up.
      if (this._connected && !this._mountEl) this._ensureShadow();
      this.removeAttribute('aria-busy');
      // The reserve gives way, and a notice is never counted as a card viewed.
      if (this.hasAttribute('height-hint')) this.style.minHeight = '';
      if (this._viewObserver) this._viewObserver.stop();
      var eventDetail = {
        stage: detail.stage,
        message: detail.message,
        status: detail.status,
        diagnostics: detail.diagnostics || [],
      };
      if (this._prerendered) {
        // The server's card is better than any notice: keep it, and say why
        // it could not be brought up to date.
        eventDetail.prerendered = true;
        this._emit(EVENT_ERROR, eventDetail);
        return;
      }
      this._variant = -1;
      this.classList.remove('news-widget--rendered');
      this.classList.add('news-widget--error');
      var notice = detail.notice;
      if (!notice && readyCore && !readyCore.broken) {
        // No feed to render: the core writes the notice in the attribute's language.
        try {
          notice = readyCore.render('', 0, this._optionsQuery('')).html;
        } catch (err) {
          notice = '';
        }
      }
      var written = false;
      if (this._mountEl && notice) {
        try {
          setHtml(this._mountEl, notice);
          written = true;
        } catch (err) {
          // Markup refused (Trusted Types without the widget's policy): the notice below.
        }
      }
      if (!written && this._mountEl) {
        // The core could not load: an English notice.
        this._mountEl.textContent = '';
        var boxEl = doc.createElement('div');
        boxEl.className = 'nw-error';
        boxEl.setAttribute('part', 'error');
        boxEl.setAttribute('role', 'status');
        var textEl = doc.createElement('p');
        textEl.className = 'nw-error-text';
        textEl.textContent = 'This story is not available right now.';
        boxEl.append(textEl);
        var slotEl = doc.createElement('slot');
        boxEl.append(slotEl);
        this._mountEl.append(boxEl);
      }
      this._emit(EVENT_ERROR, eventDetail);
    }

    _emit(type, detail) {
      try {
        this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: detail }));
      } catch (err) {
        // A listener's error must not break the widget; report it as the browser would.
        setTimeout(() => { throw err; });
      }
    }
  }

  // ---------------------------------------------------------------------------
  // The JS API: window.NewsWidget.

  var api = Object.freeze({
    abiVersion: ABI_VERSION,
    // Puts a <news-widget> showing `data` (object or JSON string) into `containerEl`.
    render: function (containerEl, data, attributes) {
      var el = doc.createElement('news-widget');
      var names = Object.keys(attributes || {});
      for (var i = 0; i < names.length; i++) el.setAttribute(names[i], attributes[names[i]]);
      el.data = data;
      containerEl.append(el);
      return el;
    },
    // Instantiates a private copy of the core from wasm bytes; for tools and tests.
    createRenderer: function (wasmBytes) {
      return instantiateCore(wasmBytes);
    },
  });

  try {
    Object.defineProperty(g, 'NewsWidget', { value: api, configurable: false, writable: false });
  } catch (err) {
    // A host that already froze the global keeps its own; the element still works.
  }
  if (typeof customElements !== 'undefined' && !customElements.get('news-widget')) {
    upgrading = true;
    try {
      customElements.define('news-widget', NewsWidgetElement);
    } finally {
      upgrading = false;
    }
  }
})();
