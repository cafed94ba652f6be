/*
 * The embed tool (/embed?url=...): for an article, API or feed URL, asks the
 * server's /oembed for the embed, previews the card at 320, 600 and 1024 px
 * in light and dark (each a real <news-widget>), lists every diagnostic the
 * core reports (level, id, JSON path, message) and offers both embed codes
 * with a copy button: the pre-rendered form first, the two-line form second.
 */
(function () {
  'use strict';

  var WIDTHS = [320, 600, 1024];
  var THEMES = ['light', 'dark'];
  var CODE_WIDTH = 600;  // the width the pre-rendered code is laid out for

  var statusEl = document.querySelector('.et-status');
  var diagnosticsEl = document.querySelector('.et-diagnostics');
  var codesEl = document.querySelector('.et-codes');
  var previewsEl = document.querySelector('.et-previews');
  var seen = {};

  function say(text) {
    statusEl.textContent = text;
  }

  // One row per distinct diagnostic, whichever preview reported it.
  function addDiagnostics(list) {
    var bodyEl = diagnosticsEl.querySelector('tbody');
    (list || []).forEach(function (d) {
      var key = [d.level, d.id, d.path, d.message].join('\u0000');
      if (seen[key]) return;
      seen[key] = true;
      var rowEl = document.createElement('tr');
      rowEl.className = 'et-' + d.level;
      [d.level, d.id, d.path, d.message].forEach(function (text) {
        var cellEl = document.createElement('td');
        cellEl.textContent = text || '';
        rowEl.append(cellEl);
      });
      bodyEl.append(rowEl);
      diagnosticsEl.hidden = false;
    });
  }

  function showCode(form, code) {
    var boxEl = codesEl.querySelector('[data-form="' + form + '"]');
    boxEl.querySelector('textarea').value = code;
    codesEl.hidden = false;
  }

  function showPreviews(src, format) {
    previewsEl.hidden = false;
    THEMES.forEach(function (theme) {
      WIDTHS.forEach(function (width) {
        var boxEl = document.createElement('div');
        boxEl.className = 'et-preview et-preview--' + theme;
        var headingEl = document.createElement('h3');
        headingEl.textContent = width + ' px, ' + theme;
        var widgetEl = document.createElement('news-widget');
        widgetEl.setAttribute('src', src);
        if (format) widgetEl.setAttribute('format', format);
        widgetEl.setAttribute('theme', theme);
        widgetEl.style.width = width + 'px';
        widgetEl.style.maxWidth = '100%';
        widgetEl.addEventListener('news-widget:rendered', function (e) { addDiagnostics(e.detail.diagnostics); });
        widgetEl.addEventListener('news-widget:error', function (e) { addDiagnostics(e.detail.diagnostics); });
        boxEl.append(headingEl, widgetEl);
        previewsEl.append(boxEl);
      });
    });
  }

  function check(url) {
    say('Checking ' + url + ' …');
    fetch('/oembed?format=json&maxwidth=' + CODE_WIDTH + '&url=' + encodeURIComponent(url), { headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (r) {
        if (r.status !== 200) {
          addDiagnostics(r.body.diagnostics);
          say(r.status === 422 ? 'The feed cannot be shown: see the diagnostics.' :
            'No embed for that URL: ' + (r.body.message || 'HTTP ' + r.status));
          return;
        }
        var oembed = r.body;
        var src = /<news-widget src="([^"]+)"(?: format="([a-z-]+)")?/.exec(oembed.html);
        var format = src && src[2] ? ' format="' + src[2] + '"' : '';
        if (!src) {
          say('The server\'s embed code names no feed.');
          return;
        }
        var scriptTag = /<script[^>]*><\/script>/.exec(oembed.html)[0];
        showCode('prerendered', oembed.html);
        showCode('two-line', scriptTag + '\n<news-widget src="' + src[1] + '"' + format + ' height-hint="' + oembed.height +
          '" style="display:block;min-height:' + oembed.height + 'px"></news-widget>');
        say(oembed.title);
        showPreviews(src[1], src[2]);
      })
      .catch(function (err) {
        say('The check failed: ' + err.message);
      });
  }

  codesEl.addEventListener('click', function (e) {
    var buttonEl = e.target.closest('.et-copy');
    if (!buttonEl) return;
    var code = buttonEl.parentElement.querySelector('textarea').value;
    navigator.clipboard.writeText(code).then(function () {
      buttonEl.textContent = 'Copied';
    }, function () {
      buttonEl.textContent = 'Copy failed: select the code and copy it';
    });
  });

  var url = new URLSearchParams(location.search).get('url');
  if (url) {
    document.getElementById('et-url').value = url;
    check(url);
  }
})();
