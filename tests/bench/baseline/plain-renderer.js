/*
 * The benchmark's baseline: a hand-written plain-JavaScript renderer of the
 * same card markup as the C++ core (JSON.parse + template strings +
 * escaping), for en-GB feeds like the seed fixture. It is what a partner could
 * write without WebAssembly; scripts/bench measures the core against it, and
 * tests/js/baseline.test.mjs keeps its output byte-identical to the core's.
 * Not shipped to partners: it skips the core's validation and diagnostics,
 * and the related stories' thumbnails (the seed fixture's have no images).
 */
(function (g) {
  'use strict';
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
  function url(raw, base) {
    try {
      var u = new URL(raw, base);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
    } catch (e) { return ''; }
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  // Wall-clock parts of an ISO timestamp in an IANA zone, via Intl.
  var formatters = {};
  function local(iso, zone) {
    var f = formatters[zone] || (formatters[zone] = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric',
      minute: 'numeric', second: 'numeric', hourCycle: 'h23', timeZoneName: 'longOffset' }));
    var p = {};
    f.formatToParts(new Date(iso)).forEach(function (x) { p[x.type] = x.value; });
    var off = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.slice(3);
    return { y: +p.year, m: +p.month, d: +p.day, h: +p.hour, min: +p.minute, s: +p.second,
      iso: p.year + '-' + pad(+p.month) + '-' + pad(+p.day) + 'T' + pad(+p.hour) + ':' + pad(+p.minute) + ':' + pad(+p.second) + off };
  }
  function date(t) { return t.d + ' ' + MONTHS[t.m - 1] + ' ' + t.y; }
  function minutes(words) { return Math.max(1, Math.ceil(words / 200)); }
  function words(s) { var m = s.match(/\S+/g); return m ? m.length : 0; }
  var LAYOUTS = {
    narrow: { related: 5, lead: 160, column: function (w) { return w; } },
    regular: { related: 10, lead: 300, column: function (w) { return Math.min(w, 760); } },
    wide: { related: 20, lead: 0, column: function (w) { return Math.min(w - 352, 760); } },
  };
  // The photo's renditions, narrowest first, for the article column's width.
  function srcset(img, base, columnPx) {
    var list = (img.renditions || []).filter(function (r) { return r.url && r.width > 0; })
      .sort(function (x, y) { return x.width - y.width; });
    if (!list.length) return '';
    return ' srcset="' + list.map(function (r) { return esc(url(r.url, base)) + ' ' + r.width + 'w'; }).join(', ') +
      '" sizes="(max-width: ' + columnPx + 'px) 100vw, ' + columnPx + 'px"';
  }
  function shorten(text, max) {
    var cps = Array.from(text);
    if (!max || cps.length <= max) return text;
    var cut = cps.slice(0, max).join('');
    var space = (cut + (cps[max] || '')).lastIndexOf(' ');
    var end = space >= cut.length / 2 ? space : cut.length;
    var out = text.slice(0, end).replace(/[ ,;:.-]+$/, '');
    return out + '\u2026';
  }

  function render(jsonText, widthPx, base) {
    var f = JSON.parse(jsonText);
    var a = f.article, site = f.site || {};
    var variant = widthPx > 0 && widthPx < 480 ? 'narrow' : widthPx >= 900 ? 'wide' : 'regular';
    var lay = LAYOUTS[variant];
    var zone = site.time_zone || 'UTC';
    var articleUrl = a.url ? url(a.url, base) : '';
    var h = '<article class="nw-card nw-card--' + variant + ' nw-theme-light" part="card" lang="en-GB" dir="ltr" data-layout="' +
      variant + '" aria-labelledby="nw-title"><div class="nw-story"><header class="nw-header">';
    if (site.name || a.section) {
      h += '<p class="nw-kicker">' + (site.name ? '<span class="nw-site">' + esc(site.name) + '</span>' : '') +
        (a.section ? '<span class="nw-section">' + esc(a.section) + '</span>' : '') + '</p>';
    }
    h += '<h2 class="nw-title" id="nw-title"><span part="title" dir="auto">' +
      (articleUrl ? '<a class="nw-title-link" href="' + esc(articleUrl) + '">' + esc(a.title) + '</a>' : esc(a.title)) +
      '</span></h2>';
    if (a.lead) h += '<p class="nw-lead" part="lead" dir="auto">' + esc(shorten(a.lead, lay.lead)) + '</p>';
    h += '<ul class="nw-meta" part="meta">';
    var up = a.updated && local(a.updated, zone), pub = a.published && local(a.published, zone);
    var showUp = up && (!pub || Math.floor(Date.parse(a.updated) / 60000) !== Math.floor(Date.parse(a.published) / 60000));
    if (showUp) h += '<li class="nw-updated">Updated: <time datetime="' + up.iso + '">' + date(up) + ', ' + pad(up.h) + ':' + pad(up.min) + '</time></li>';
    if (pub) h += '<li class="nw-published">Published: <time datetime="' + pub.iso + '">' + date(pub) + (showUp ? '' : ', ' + pad(pub.h) + ':' + pad(pub.min)) + '</time></li>';
    var wc = a.word_count != null ? a.word_count : (a.body || []).reduce(function (n, p) { return n + words(p); }, 0);
    h += '<li class="nw-readtime">' + minutes(wc) + ' MIN READ</li></ul></header>';
    var img = a.image;
    if (img && img.url) {
      h += '<figure class="nw-figure" part="figure"><img class="nw-image" src="' + esc(url(img.url, base)) + '"' +
        srcset(img, base, lay.column(widthPx > 0 ? widthPx : 640)) + ' alt="' + esc(img.alt || '') + '"' +
        (img.width ? ' width="' + img.width + '" height="' + img.height + '"' : '') + ' decoding="async">';
      if (img.caption || img.credit) {
        h += '<figcaption class="nw-caption">' + (img.caption ? '<span class="nw-caption-text" dir="auto">' + esc(img.caption) + '</span>' : '') +
          (img.credit ? '<span class="nw-credit">Photo: ' + esc(img.credit) + '</span>' : '') + '</figcaption>';
      }
      h += '</figure>';
    }
    if (a.body && a.body.length) {
      h += '<div class="nw-body" part="body">' + a.body.map(function (p) { return '<p dir="auto">' + esc(p) + '</p>'; }).join('') + '</div>';
    }
    h += '<footer class="nw-footer">';
    if (a.tags && a.tags.length) {
      h += '<section class="nw-tags" aria-labelledby="nw-tags-heading"><h3 class="nw-tags-heading" id="nw-tags-heading">Tags</h3><ul class="nw-tag-list">' +
        a.tags.map(function (t) { return '<li class="nw-tag" dir="auto">' + esc(t) + '</li>'; }).join('') + '</ul></section>';
    }
    if (a.byline) h += '<p class="nw-byline">By <span class="nw-author" dir="auto">' + esc(a.byline) + '</span></p>';
    if (a.note) h += '<p class="nw-note" dir="auto">' + esc(a.note) + '</p>';
    if (articleUrl && site.name) h += '<p class="nw-source"><a class="nw-source-link" href="' + esc(articleUrl) + '">Read on ' + esc(site.name) + '</a></p>';
    h += '</footer></div>';
    var related = (f.related || []).slice(0, lay.related);
    if (related.length) {
      h += '<nav class="nw-related" part="related" aria-labelledby="nw-related-heading"><h3 class="nw-related-heading" id="nw-related-heading">More news</h3><ol class="nw-related-list">';
      related.forEach(function (s) {
        var href = s.url ? url(s.url, base) : '';
        h += '<li class="nw-related-item">' + (href ? '<a class="nw-related-title" dir="auto" href="' + esc(href) + '">' + esc(s.title) + '</a>'
          : '<span class="nw-related-title" dir="auto">' + esc(s.title) + '</span>') +
          (s.minutes ? '<span class="nw-readtime">' + s.minutes + ' MIN READ</span>' : '') + '</li>';
      });
      h += '</ol></nav>';
    }
    return h + '</article>';
  }

  g.PlainNewsRenderer = { render: render };
})(typeof globalThis !== 'undefined' ? globalThis : this);
