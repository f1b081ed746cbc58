/**
 * The report's one script (vanilla, no dependency, no network): filters (severity, family, namespace, free text),
 * grouping (rule, namespace, resource, file), sorting, expand/collapse, keyboard navigation between findings
 * (j/k, n/p), permalinks (#fingerprint opens the finding), graph zoom, and opening every section for printing.
 * Without it the page still shows everything (grouped by rule); only filtering is lost.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');
  root.classList.add('js');
  var findings = Array.prototype.slice.call(document.querySelectorAll('details.finding'));
  var groupsBox = document.getElementById('finding-groups');
  var ruleGroups = groupsBox ? Array.prototype.slice.call(groupsBox.querySelectorAll(':scope > details.group')) : [];
  var homeOf = new Map();
  findings.forEach(function (f) {
    homeOf.set(f, f.parentNode);
    // The page keeps each finding small: rule and family come from its group, resource and location from its text.
    var g = f.closest('details.group');
    var d = f.dataset;
    d.rule = g ? g.dataset.key : '';
    d.fam = g ? g.dataset.fam : '';
    var res = f.querySelector('.res');
    d.res = res ? res.textContent : '';
    var loc = f.querySelector('.loc');
    var m = loc ? /^(.*):([0-9]+):([0-9]+)$/.exec(loc.textContent) : null;
    d.file = m ? m[1] : '';
    d.line = m ? m[2] : '0';
  });
  var RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  var state = { sev: new Set(), fam: '', ns: '', text: '', group: 'rule', sort: 'severity' };
  var haystack = new WeakMap();
  function textOf(f) {
    var t = haystack.get(f);
    if (t === undefined) { t = f.textContent.toLowerCase(); haystack.set(f, t); }
    return t;
  }
  function byId(id) { return document.getElementById(id); }
  function visible(f) {
    var d = f.dataset;
    if (state.sev.size > 0 && !state.sev.has(d.sev)) return false;
    if (state.fam && d.fam !== state.fam) return false;
    if (state.ns && d.ns !== state.ns) return false;
    if (state.text && textOf(f).indexOf(state.text) < 0) return false;
    return true;
  }
  function apply() {
    var shown = 0;
    findings.forEach(function (f) {
      var v = visible(f);
      f.hidden = !v;
      if (v) shown++;
    });
    if (groupsBox) {
      Array.prototype.forEach.call(groupsBox.querySelectorAll(':scope > details.group'), function (g) {
        var n = g.querySelectorAll('details.finding:not([hidden])').length;
        g.hidden = n === 0;
        var c = g.querySelector(':scope > summary .count');
        if (c) c.textContent = String(n);
      });
    }
    var out = byId('f-count');
    if (out) out.textContent = 'Showing ' + shown + ' of ' + findings.length + ' findings';
  }
  function compare(a, b) {
    var x = a.dataset, y = b.dataset;
    if (state.sort === 'resource') return cmp(x.res, y.res) || RANK[x.sev] - RANK[y.sev];
    if (state.sort === 'location') return cmp(x.file, y.file) || Number(x.line) - Number(y.line);
    if (state.sort === 'rule') return cmp(x.rule, y.rule) || cmp(x.res, y.res);
    return RANK[x.sev] - RANK[y.sev] || cmp(x.rule, y.rule) || cmp(x.res, y.res);
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function keyOf(f) {
    var d = f.dataset;
    if (state.group === 'ns') return d.ns || '(cluster-scoped)';
    if (state.group === 'res') return d.res;
    if (state.group === 'file') return d.file || '(no file)';
    return d.rule;
  }
  function regroup() {
    if (!groupsBox) return;
    var sorted = findings.slice().sort(compare);
    groupsBox.textContent = '';
    if (state.group === 'rule') {
      sorted.forEach(function (f) { homeOf.get(f).appendChild(f); });
      ruleGroups.slice().sort(function (a, b) {
        return RANK[a.dataset.sev] - RANK[b.dataset.sev] || cmp(a.dataset.key, b.dataset.key);
      }).forEach(function (g) { groupsBox.appendChild(g); });
    } else {
      var made = new Map();
      sorted.forEach(function (f) {
        var key = keyOf(f);
        var g = made.get(key);
        if (!g) {
          g = document.createElement('details');
          g.className = 'group';
          g.open = true;
          g.dataset.key = key;
          var s = document.createElement('summary');
          var title = document.createElement('span');
          title.className = 'mono';
          title.textContent = key;
          var count = document.createElement('span');
          count.className = 'count';
          s.appendChild(title);
          s.appendChild(count);
          var body = document.createElement('div');
          body.className = 'group-body';
          g.appendChild(s);
          g.appendChild(body);
          made.set(key, g);
        }
        g.lastChild.appendChild(f);
      });
      Array.from(made.keys()).sort(cmp).forEach(function (k) { groupsBox.appendChild(made.get(k)); });
    }
    apply();
  }
  function on(id, event, handler) { var el = byId(id); if (el) el.addEventListener(event, handler); }
  Array.prototype.forEach.call(document.querySelectorAll('button.sev-filter'), function (b) {
    b.addEventListener('click', function () {
      var sev = b.dataset.sev;
      var pressed = b.getAttribute('aria-pressed') !== 'true';
      b.setAttribute('aria-pressed', String(pressed));
      if (pressed) state.sev.add(sev); else state.sev.delete(sev);
      apply();
    });
  });
  on('f-family', 'change', function (e) { state.fam = e.target.value; apply(); });
  on('f-ns', 'change', function (e) { state.ns = e.target.value; apply(); });
  on('f-text', 'input', function (e) { state.text = e.target.value.trim().toLowerCase(); apply(); });
  on('f-text', 'keydown', function (e) { if (e.key === 'Escape') { e.target.value = ''; state.text = ''; apply(); } });
  on('f-group', 'change', function (e) { state.group = e.target.value; regroup(); });
  on('f-sort', 'change', function (e) { state.sort = e.target.value; regroup(); });
  function setOpen(selector, open) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (d) { d.open = open; });
  }
  on('f-expand', 'click', function () { setOpen('#finding-groups details', true); });
  on('f-collapse', 'click', function () { setOpen('#finding-groups details.finding', false); });
  function openAncestors(el) {
    for (var p = el; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
  }
  function reveal(id) {
    if (!id) return;
    var el = byId(id);
    if (!el) return;
    if (el.classList.contains('finding') && el.hidden) {
      state.sev.clear(); state.fam = ''; state.ns = ''; state.text = '';
      Array.prototype.forEach.call(document.querySelectorAll('button.sev-filter'), function (b) { b.setAttribute('aria-pressed', 'false'); });
      ['f-family', 'f-ns', 'f-text'].forEach(function (i) { var c = byId(i); if (c) c.value = ''; });
      apply();
    }
    openAncestors(el);
    if (el.tagName === 'DETAILS') el.open = true;
    el.scrollIntoView({ block: 'start' });
    var s = el.tagName === 'DETAILS' ? el.querySelector(':scope > summary') : null;
    if (s) s.focus({ preventScroll: true });
  }
  function fromHash() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { return; }
    reveal(id);
  }
  window.addEventListener('hashchange', fromHash);
  function shownFindings() { return findings.filter(function (f) { return !f.hidden && f.offsetParent !== null; }); }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');
    if (e.key === '/' && !typing) { var q = byId('f-text'); if (q) { e.preventDefault(); q.focus(); } return; }
    if (typing) return;
    var next = e.key === 'j' || e.key === 'n' ? 1 : e.key === 'k' || e.key === 'p' ? -1 : 0;
    if (!next) return;
    var list = shownFindings();
    if (list.length === 0) return;
    var current = t && t.closest ? t.closest('details.finding') : null;
    var i = current ? list.indexOf(current) : -1;
    var target = list[Math.min(list.length - 1, Math.max(0, i < 0 ? 0 : i + next))];
    e.preventDefault();
    target.querySelector(':scope > summary').focus();
    target.scrollIntoView({ block: 'nearest' });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.zoom'), function (z) {
    var box = byId(z.dataset.for);
    var svg = box ? box.querySelector('svg') : null;
    if (!svg) return;
    var w = Number(svg.getAttribute('width')), h = Number(svg.getAttribute('height')), scale = 1;
    function set(s) { scale = Math.max(0.2, Math.min(4, s)); svg.setAttribute('width', String(Math.round(w * scale))); svg.setAttribute('height', String(Math.round(h * scale))); }
    z.querySelector('[data-zoom=in]').addEventListener('click', function () { set(scale * 1.25); });
    z.querySelector('[data-zoom=out]').addEventListener('click', function () { set(scale / 1.25); });
    z.querySelector('[data-zoom=fit]').addEventListener('click', function () { set(Math.min(1, (box.clientWidth - 4) / w)); });
  });
  var printed = [];
  window.addEventListener('beforeprint', function () {
    printed = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    printed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () { printed.forEach(function (d) { d.open = false; }); printed = []; });
  apply();
  fromHash();
})();
`;
