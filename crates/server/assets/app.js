// dyad serve: the web page. Plain ES2020, no dependencies, no build step.
// Every string from the API is hostile news text: it only ever reaches the
// page through textContent / attributes, never through innerHTML.
'use strict';

(function () {
  // ------------------------------------------------------------ constants

  const MODALITIES = ['asserted', 'negated', 'advocated', 'hypothetical', 'future', 'alleged'];
  const MODALITY_WORDS = {
    asserted: 'reported as having happened',
    negated: 'reported as NOT having happened',
    advocated: 'demanded or urged, not reported as done',
    hypothetical: 'imagined (if / could / might), not reported as done',
    future: 'planned or expected, not yet done',
    alleged: 'claimed by hedged or unnamed sources, not confirmed',
  };
  const QUADS = [
    { q: 1, key: 'verbal_cooperation', label: 'Verbal cooperation' },
    { q: 2, key: 'material_cooperation', label: 'Material cooperation' },
    { q: 3, key: 'verbal_conflict', label: 'Verbal conflict' },
    { q: 4, key: 'material_conflict', label: 'Material conflict' },
  ];
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const DAY_MS = 86400000;
  const PAGE_SIZE = 50;
  const NETWORK_TOP = 40;
  const TOKEN = new URLSearchParams(window.location.search).get('token');

  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------ DOM helpers

  function setAttrs(node, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'style') throw new Error('style attributes are not allowed by the CSP');
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    return node;
  }

  function appendAll(node, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function h(tag, attrs, ...children) {
    return appendAll(setAttrs(document.createElement(tag), attrs), children);
  }

  function s(tag, attrs, ...children) {
    return appendAll(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
  }

  function clear(node) {
    node.replaceChildren();
    return node;
  }

  function fmtNum(v, digits = 1) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
    const t = v.toFixed(digits);
    if (Number(t) === 0) return (0).toFixed(digits);
    return v > 0 ? '+' + t : t;
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

  // Make an element act as a button for mouse and keyboard.
  function activate(node, label, fn) {
    node.setAttribute('role', 'button');
    node.setAttribute('tabindex', '0');
    node.setAttribute('aria-label', label);
    node.addEventListener('click', fn);
    node.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        fn(ev);
      }
    });
  }

  // ------------------------------------------------------------ status and busy state

  let busy = 0;
  const statusInfo = { text: 'Loading…' };
  const errors = [];

  function renderStatus() {
    const box = clear($('status'));
    if (errors.length) {
      box.classList.add('has-error');
      for (const e of errors.slice(-3)) box.append(h('span', { class: 'error' }, e));
    } else {
      box.classList.remove('has-error');
      box.append(h('span', {}, statusInfo.text));
    }
  }

  function setInfo(text) {
    statusInfo.text = text;
    renderStatus();
  }

  function reportError(where, err) {
    let msg = `${where}: ${err && err.message ? err.message : String(err)}`;
    if (err && err.status === 401) {
      msg += TOKEN ? ' (the token in the address was not accepted)' : ' (open the page as /?token=…)';
    }
    errors.push(msg);
    renderStatus();
  }

  function clearErrors() {
    errors.length = 0;
    renderStatus();
  }

  function setBusy(delta) {
    busy += delta;
    document.body.dataset.state = busy > 0 ? 'loading' : 'ready';
  }

  // Runs `work` as the latest request of `container`: data-state is
  // "loading" until the latest request has rendered, then "ready".
  // `work(isLatest)` must check isLatest() before rendering.
  const generations = new WeakMap();
  async function load(container, where, work) {
    const gen = (generations.get(container) || 0) + 1;
    generations.set(container, gen);
    const isLatest = () => generations.get(container) === gen;
    container.dataset.state = 'loading';
    container.setAttribute('aria-busy', 'true');
    setBusy(1);
    try {
      await work(isLatest);
    } catch (err) {
      if (isLatest()) {
        clear(container).append(h('p', { class: 'error', role: 'alert' }, err && err.message ? err.message : String(err)));
        reportError(where, err);
      }
    } finally {
      if (isLatest()) {
        container.dataset.state = 'ready';
        container.removeAttribute('aria-busy');
      }
      setBusy(-1);
    }
  }

  // ------------------------------------------------------------ API

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, params, init) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== '') url.searchParams.set(k, String(v));
    }
    const headers = new Headers((init && init.headers) || {});
    headers.set('Accept', 'application/json');
    if (TOKEN) headers.set('Authorization', `Bearer ${TOKEN}`);
    let resp;
    try {
      resp = await fetch(url, Object.assign({}, init, { headers, credentials: 'same-origin' }));
    } catch (err) {
      throw new ApiError(0, `the server did not answer (${err.message})`);
    }
    const text = await resp.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (_) {
      body = null;
    }
    if (!resp.ok) {
      const msg = body && typeof body.error === 'string' ? body.error : `HTTP ${resp.status} ${resp.statusText}`;
      throw new ApiError(resp.status, msg);
    }
    if (body === null || typeof body !== 'object') throw new ApiError(resp.status, 'the answer is not JSON');
    return body;
  }

  // Reference data, fetched once. Both promises always resolve.
  const cameoNames = new Map();
  const actorNames = new Map();
  let namesReady = Promise.resolve(); // CAMEO and actor names loaded (never rejects)

  const cameoName = (code) => cameoNames.get(code) || '';
  const actorTitle = (code) => (code && actorNames.get(code)) || '';

  // ------------------------------------------------------------ dates and periods
  // Periods are the server's: day 2025-08-14, week 2025-W33 (SQLite %W:
  // Monday-based, week 00 = days before the year's first Monday), month
  // 2025-08, year 2025. All arithmetic in UTC.

  const pad2 = (n) => String(n).padStart(2, '0');

  function parseDay(str) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str || '');
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  }

  function fmtDay(ms) {
    const d = new Date(ms);
    return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  }

  const mondayIndex = (ms) => (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0

  function weekNumber(ms) {
    const y = new Date(ms).getUTCFullYear();
    const yday = Math.round((ms - Date.UTC(y, 0, 1)) / DAY_MS);
    return Math.floor((yday + 7 - mondayIndex(ms)) / 7);
  }

  function periodOf(day, by) {
    const ms = parseDay(day);
    if (Number.isNaN(ms)) return null;
    if (by === 'day') return day;
    if (by === 'month') return day.slice(0, 7);
    if (by === 'year') return day.slice(0, 4);
    return `${day.slice(0, 4)}-W${pad2(weekNumber(ms))}`;
  }

  // First and last day (inclusive, YYYY-MM-DD) of a period, or null.
  function periodRange(period, by) {
    let m;
    if (by === 'day') {
      return Number.isNaN(parseDay(period)) ? null : { from: period, to: period };
    }
    if (by === 'month' && (m = /^(\d{4})-(\d{2})$/.exec(period))) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12) return null;
      return { from: fmtDay(Date.UTC(y, mo - 1, 1)), to: fmtDay(Date.UTC(y, mo, 0)) };
    }
    if (by === 'year' && (m = /^(\d{4})$/.exec(period))) {
      return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
    }
    if (by === 'week' && (m = /^(\d{4})-W(\d{2})$/.exec(period))) {
      const y = Number(m[1]);
      const n = Number(m[2]);
      const jan1 = Date.UTC(y, 0, 1);
      const dec31 = Date.UTC(y, 11, 31);
      const firstMonday = jan1 + ((7 - mondayIndex(jan1)) % 7) * DAY_MS;
      let start;
      let end;
      if (n === 0) {
        start = jan1;
        end = firstMonday - DAY_MS;
      } else {
        start = firstMonday + (n - 1) * 7 * DAY_MS;
        end = Math.min(start + 6 * DAY_MS, dec31);
      }
      if (end < start || start > dec31) return null;
      return { from: fmtDay(start), to: fmtDay(end) };
    }
    return null;
  }

  // Every period from the first row's to the last row's, so that quiet
  // periods show as gaps. Falls back to the rows' own periods when they
  // cannot be parsed or the span is too long to draw one slot each.
  function periodSlots(rows, by) {
    const own = rows.map((r) => r.period);
    if (!rows.length) return own;
    const first = periodRange(rows[0].period, by);
    const last = periodRange(rows[rows.length - 1].period, by);
    if (!first || !last) return own;
    const slots = [];
    const end = parseDay(last.to);
    let day = parseDay(first.from);
    while (day <= end) {
      const p = periodOf(fmtDay(day), by);
      const r = periodRange(p, by);
      if (!r || slots.length > 400) return own;
      slots.push(p);
      day = parseDay(r.to) + DAY_MS;
    }
    const known = new Set(slots);
    return own.every((p) => known.has(p)) ? slots : own;
  }

  // ------------------------------------------------------------ highlighting
  // spans: [{start, end, cls, title}] as code-point offsets into `chars`,
  // in priority order. Spans outside the text, empty, or overlapping an
  // earlier one are skipped.
  function highlight(chars, spans) {
    const kept = [];
    for (const sp of spans) {
      if (!Number.isInteger(sp.start) || !Number.isInteger(sp.end)) continue;
      if (sp.start < 0 || sp.end > chars.length || sp.start >= sp.end) continue;
      if (kept.some((k) => k.start < sp.end && sp.start < k.end)) continue;
      kept.push(sp);
    }
    kept.sort((a, b) => a.start - b.start);
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const sp of kept) {
      if (sp.start > pos) frag.append(chars.slice(pos, sp.start).join(''));
      frag.append(h('mark', { class: sp.cls, title: sp.title || null }, chars.slice(sp.start, sp.end).join('')));
      pos = sp.end;
    }
    if (pos < chars.length) frag.append(chars.slice(pos).join(''));
    return frag;
  }

  const rel = (start, base) => (Number.isInteger(start) ? start - base : null);

  // ------------------------------------------------------------ shared bits of rendering

  function modalityBadge(modality) {
    const words = MODALITY_WORDS[modality] || 'unknown modality';
    return h('span', { class: 'modality', 'data-modality': modality },
      h('span', { class: `badge m-${MODALITIES.includes(modality) ? modality : 'unknown'}` }, modality || '?'),
      h('span', { class: 'words' }, words));
  }

  function actorCode(code) {
    return h('code', { class: 'actor', title: actorTitle(code) || null }, code || '—');
  }

  function dyadLabel(source, target) {
    return h('span', { class: 'dyad' }, actorCode(source), h('span', { class: 'arrow', 'aria-label': 'acts on' }, ' → '), actorCode(target));
  }

  function cameoLabel(code, quad) {
    const name = cameoName(code);
    return h('span', { class: 'cameo' },
      h('code', { class: `cameo-code q${quad || 0}`, title: quad ? QUADS[quad - 1].label : null }, code),
      name ? ' ' + name : '');
  }

  const tooltip = {
    show(ev, lines) {
      const tip = $('tooltip');
      clear(tip);
      lines.forEach((line, i) => tip.append(h(i === 0 ? 'strong' : 'div', {}, line)));
      tip.hidden = false;
      this.move(ev);
    },
    move(ev) {
      const tip = $('tooltip');
      if (tip.hidden) return;
      const pad = 14;
      let x = ev.clientX + pad;
      let y = ev.clientY + pad;
      const w = tip.offsetWidth;
      const hgt = tip.offsetHeight;
      if (x + w > window.innerWidth - 8) x = ev.clientX - w - pad;
      if (y + hgt > window.innerHeight - 8) y = ev.clientY - hgt - pad;
      tip.style.left = `${Math.max(4, x)}px`;
      tip.style.top = `${Math.max(4, y)}px`;
    },
    hide() {
      $('tooltip').hidden = true;
    },
    attach(node, lines) {
      node.addEventListener('mouseenter', (ev) => tooltip.show(ev, lines));
      node.addEventListener('mousemove', (ev) => tooltip.move(ev));
      node.addEventListener('mouseleave', () => tooltip.hide());
    },
  };

  // ------------------------------------------------------------ filter state

  const state = {
    filter: null, // the applied filter (API parameters)
    by: 'month',
    period: null, // {period, from, to, count} when a bar is selected
    cursor: null,
    shown: 0,
    timeline: null,
    network: null,
  };

  function readFilter() {
    const mods = MODALITIES.filter((m) => $(`modality-${m}`).checked);
    if (!mods.length) throw new Error('choose at least one modality');
    const from = $('from-input').value;
    const to = $('to-input').value;
    if (from && to && from > to) throw new Error('the “from” date is after the “to” date');
    return {
      source: $('source-input').value.trim().toUpperCase(),
      target: $('target-input').value.trim().toUpperCase(),
      both_directions: $('both-directions').checked ? 'true' : '',
      from,
      to,
      modality: mods.length === MODALITIES.length ? 'all' : mods.join(','),
      known_actors: $('known-actors').checked ? 'true' : '',
    };
  }

  function describeFilter(f) {
    const who = f.source || f.target
      ? `${f.source || 'anyone'} ${f.both_directions ? '⇄' : '→'} ${f.target || 'anyone'}`
      : 'all actors';
    const mods = f.modality === 'all' ? 'all modalities' : f.modality.replace(/,/g, ', ');
    const when = f.from || f.to ? ` · ${f.from || '…'} to ${f.to || '…'}` : '';
    return `${who} · ${mods}${when}${f.known_actors ? ' · known actors' : ''}`;
  }

  function apply() {
    let f;
    try {
      f = readFilter();
    } catch (err) {
      clearErrors();
      reportError('Filter', err);
      return;
    }
    clearErrors();
    state.filter = f;
    state.by = $('by-select').value;
    state.period = null;
    loadTimeline();
    loadNetwork();
    loadEvidence(false);
    loadTopDyads();
  }

  function selectDyad(source, target) {
    $('source-input').value = source || '';
    $('target-input').value = target || '';
    apply();
  }

  // ------------------------------------------------------------ top dyads

  function loadTopDyads() {
    const list = $('top-dyads');
    const f = Object.assign({}, state.filter, { source: '', target: '', both_directions: '' });
    load(list, 'Top dyads', async (isLatest) => {
      const [data] = await Promise.all([api('/api/dyads', Object.assign({ top: 10 }, f)), namesReady]);
      if (!isLatest()) return;
      clear(list);
      const rows = Array.isArray(data.rows) ? data.rows : [];
      if (!rows.length) list.append(h('li', { class: 'empty' }, 'No dyads for this filter.'));
      const max = Math.max(1, ...rows.map((r) => r.events));
      for (const r of rows) {
        const current = state.filter.source === r.source && state.filter.target === r.target;
        const meter = h('span', { class: 'meter', 'aria-hidden': 'true' }, h('span', { class: 'meter-fill' }));
        meter.firstChild.style.width = `${Math.round((100 * r.events) / max)}%`;
        const btn = h('button', {
          type: 'button',
          class: `dyad-button${current ? ' current' : ''}`,
          'data-source': r.source,
          'data-target': r.target,
          'aria-pressed': current ? 'true' : 'false',
          title: [actorTitle(r.source), actorTitle(r.target)].filter(Boolean).join(' → ') || null,
          onclick: () => selectDyad(r.source, r.target),
        },
        dyadLabel(r.source, r.target),
        h('span', { class: 'count' }, String(r.events)),
        h('span', { class: `gold ${r.goldstein_sum < 0 ? 'neg' : 'pos'}` }, fmtNum(r.goldstein_sum)),
        meter);
        list.append(h('li', {}, btn));
      }
    });
  }

  // ------------------------------------------------------------ timeline

  function niceStep(span, count) {
    const raw = span / Math.max(1, count);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const norm = raw / mag;
    return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  }

  function loadTimeline() {
    const box = $('timeline');
    const params = Object.assign({ by: state.by }, state.filter);
    load(box, 'Timeline', async (isLatest) => {
      const [data] = await Promise.all([api('/api/timeline', params), namesReady]);
      if (!isLatest()) return;
      state.timeline = { by: data.by || state.by, rows: Array.isArray(data.rows) ? data.rows : [] };
      renderTimeline();
    });
  }

  function renderTimeline() {
    tooltip.hide(); // its bar may be gone
    const box = clear($('timeline'));
    const { by, rows } = state.timeline;
    const total = rows.reduce((a, r) => a + r.events, 0);
    const net = rows.reduce((a, r) => a + (r.goldstein_sum || 0), 0);
    $('timeline-caption').textContent = `${describeFilter(state.filter)} · ${plural(total, 'dated event')} · net Goldstein ${fmtNum(net)}`;
    if (!rows.length) {
      box.append(h('p', { class: 'empty' }, 'No dated events for this filter.'));
      return;
    }
    const W = Math.max(520, box.clientWidth || 900);
    const H = 300;
    const m = { left: 52, right: 60, top: 18, bottom: 42 };
    const pw = W - m.left - m.right;
    const ph = H - m.top - m.bottom;

    const slots = periodSlots(rows, by);
    const byPeriod = new Map(rows.map((r) => [r.period, r]));
    const band = pw / slots.length;
    const barW = Math.max(1, Math.min(56, band * 0.78));
    const xCenter = (i) => m.left + band * (i + 0.5);

    const maxCount = Math.max(1, ...rows.map((r) => r.events));
    const cStep = niceStep(maxCount, 5) >= 1 ? niceStep(maxCount, 5) : 1;
    const cMax = Math.ceil(maxCount / cStep) * cStep;
    const yCount = (v) => m.top + ph - (v / cMax) * ph;

    const gVals = rows.map((r) => r.goldstein_sum || 0);
    let gMin = Math.min(0, ...gVals);
    let gMax = Math.max(0, ...gVals);
    if (gMin === gMax) { gMin = -1; gMax = 1; }
    const gStep = niceStep(gMax - gMin, 4);
    gMin = Math.floor(gMin / gStep) * gStep;
    gMax = Math.ceil(gMax / gStep) * gStep;
    const yGold = (v) => m.top + ph - ((v - gMin) / (gMax - gMin)) * ph;

    const chart = s('svg', {
      class: 'timeline-svg', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'group',
      'aria-label': `Events per ${by}, stacked by quad class, with net Goldstein`,
    });

    // grid and count axis (left)
    const axisL = s('g', { class: 'axis axis-left' });
    for (let i = 0; i * cStep <= cMax + 1e-9; i++) {
      const v = i * cStep;
      const y = yCount(v);
      axisL.append(s('line', { class: 'grid', x1: m.left, x2: W - m.right, y1: y, y2: y }));
      axisL.append(s('text', { x: m.left - 8, y: y + 4, 'text-anchor': 'end' }, String(Math.round(v))));
    }
    axisL.append(s('text', { class: 'axis-title', transform: `translate(14 ${m.top + ph / 2}) rotate(-90)`, 'text-anchor': 'middle' }, 'events'));
    chart.append(axisL);

    // Goldstein axis (right)
    const axisR = s('g', { class: 'axis axis-right' });
    for (let i = 0; gMin + i * gStep <= gMax + 1e-9; i++) {
      const v = gMin + i * gStep;
      axisR.append(s('text', { x: W - m.right + 8, y: yGold(v) + 4, 'text-anchor': 'start' }, fmtNum(v, Math.abs(gStep) < 1 ? 1 : 0)));
    }
    axisR.append(s('line', { class: 'zero', x1: m.left, x2: W - m.right, y1: yGold(0), y2: yGold(0) }));
    axisR.append(s('text', { class: 'axis-title', transform: `translate(${W - 12} ${m.top + ph / 2}) rotate(90)`, 'text-anchor': 'middle' }, 'net Goldstein'));
    chart.append(axisR);

    // x labels, thinned to fit
    const axisX = s('g', { class: 'axis axis-bottom' });
    const every = Math.max(1, Math.ceil(slots.length / Math.max(1, Math.floor(pw / 78))));
    slots.forEach((p, i) => {
      if (i % every !== 0) return;
      axisX.append(s('line', { class: 'tick', x1: xCenter(i), x2: xCenter(i), y1: m.top + ph, y2: m.top + ph + 5 }));
      axisX.append(s('text', { x: xCenter(i), y: m.top + ph + 19, 'text-anchor': 'middle' }, p));
    });
    axisX.append(s('line', { class: 'baseline', x1: m.left, x2: W - m.right, y1: m.top + ph, y2: m.top + ph }));
    chart.append(axisX);

    // bars
    const bars = s('g', { class: 'bars' });
    slots.forEach((p, i) => {
      const r = byPeriod.get(p);
      if (!r) return;
      const x = xCenter(i) - barW / 2;
      const g = s('g', {
        class: `bar${state.period && state.period.period === p ? ' selected' : ''}`,
        'data-period': p,
        'data-count': r.events,
      });
      const hitW = Math.min(band, Math.max(barW + 16, barW * 1.5));
      g.append(s('rect', { class: 'hit', x: xCenter(i) - hitW / 2, y: m.top, width: hitW, height: ph }));
      let acc = 0;
      for (const q of QUADS) {
        const n = r[q.key] || 0;
        if (!n) continue;
        const y0 = yCount(acc);
        const y1 = yCount(acc + n);
        g.append(s('rect', { class: `seg q${q.q}`, 'data-quad': q.q, 'data-count': n, x, y: Math.min(y1, y0 - 2), width: barW, height: Math.max(2, y0 - y1) }));
        acc += n;
      }
      const codes = (r.top_codes || []).map((tc) => {
        const [code, n] = String(tc).split(':');
        const name = cameoName(code);
        return `${code}${name ? ' ' + name : ''} ×${n}`;
      });
      const lines = [
        `${p}: ${plural(r.events, 'event')}`,
        ...QUADS.filter((q) => r[q.key]).map((q) => `${q.label}: ${r[q.key]}`),
        `Net Goldstein ${fmtNum(r.goldstein_sum)} (mean ${fmtNum(r.goldstein_mean, 2)})`,
        ...(codes.length ? ['Top codes: ' + codes.join('; ')] : []),
      ];
      tooltip.attach(g, lines);
      activate(g, lines.join('. '), () => selectPeriod(p, r.events));
      bars.append(g);
    });
    chart.append(bars);

    // net Goldstein line, through every slot (a quiet period nets 0)
    const pts = slots.map((p, i) => {
      const r = byPeriod.get(p);
      return [xCenter(i), yGold(r ? r.goldstein_sum || 0 : 0), r];
    });
    chart.append(s('polyline', { class: 'gold-line', points: pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ') }));
    const dots = s('g', { class: 'gold-dots', 'aria-hidden': 'true' });
    for (const [x, y, r] of pts) if (r && slots.length <= 120) dots.append(s('circle', { cx: x, cy: y, r: 2.6 }));
    chart.append(dots);

    box.append(chart);
  }

  function selectPeriod(period, count) {
    const range = periodRange(period, state.timeline ? state.timeline.by : state.by);
    if (!range) {
      reportError('Timeline', new Error(`cannot read the period ${period}`));
      return;
    }
    // Stay inside the filter's own dates.
    const from = state.filter.from && state.filter.from > range.from ? state.filter.from : range.from;
    const to = state.filter.to && state.filter.to < range.to ? state.filter.to : range.to;
    state.period = { period, from, to, count };
    for (const b of document.querySelectorAll('#timeline .bar')) {
      b.classList.toggle('selected', b.dataset.period === period);
    }
    loadEvidence(false);
  }

  // ------------------------------------------------------------ network

  function loadNetwork() {
    const box = $('network');
    const params = Object.assign({ top: NETWORK_TOP }, state.filter);
    load(box, 'Network', async (isLatest) => {
      const [data] = await Promise.all([api('/api/network', params), namesReady]);
      if (!isLatest()) return;
      state.network = { nodes: Array.isArray(data.nodes) ? data.nodes : [], edges: Array.isArray(data.edges) ? data.edges : [] };
      renderNetwork();
    });
  }

  // Deterministic force-directed layout (Fruchterman–Reingold with
  // gravity, then a few passes that push overlapping nodes apart): nodes
  // start on a circle in the server's order; there is no randomness.
  function layoutNetwork(nodes, edges, W, H, pad, radius) {
    const n = nodes.length;
    const cx = W / 2;
    const cy = H / 2;
    const pos = nodes.map((_, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, n) - Math.PI / 2;
      return { x: cx + (W / 2 - pad) * 0.7 * Math.cos(a), y: cy + (H / 2 - pad) * 0.7 * Math.sin(a) };
    });
    if (n <= 1) return n ? [{ x: cx, y: cy }] : pos;
    const index = new Map(nodes.map((d, i) => [d.code, i]));
    const links = edges
      .map((e) => [index.get(e.source), index.get(e.target)])
      .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
    const k = 0.6 * Math.sqrt(((W - 2 * pad) * (H - 2 * pad)) / n);
    // Gravity that balances the repulsion of n nodes about the edge of the
    // canvas: g·R ≈ n·k²/R, one strength per axis for a wide canvas.
    const gx = (0.8 * n * k * k) / Math.pow(W / 2 - pad, 2);
    const gy = (0.8 * n * k * k) / Math.pow(H / 2 - pad, 2);
    const clamp = (p) => {
      p.x = Math.min(W - pad, Math.max(pad, p.x));
      p.y = Math.min(H - pad, Math.max(pad * 1.4, p.y));
    };
    let temp = Math.min(W, H) / 6;
    for (let it = 0; it < 300; it++) {
      const dx = new Float64Array(n);
      const dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let vx = pos[i].x - pos[j].x;
          let vy = pos[i].y - pos[j].y;
          if (Math.abs(vx) + Math.abs(vy) < 0.01) { vx = 0.1 * (j - i); vy = 0.1; }
          const d2 = vx * vx + vy * vy;
          const f = (k * k) / d2; // = (k²/d) / d: the unit vector folded in
          dx[i] += vx * f; dy[i] += vy * f;
          dx[j] -= vx * f; dy[j] -= vy * f;
        }
      }
      for (const [a, b] of links) {
        const vx = pos[a].x - pos[b].x;
        const vy = pos[a].y - pos[b].y;
        const d = Math.max(0.01, Math.hypot(vx, vy));
        const f = d / k; // = (d²/k) / d
        dx[a] -= vx * f; dy[a] -= vy * f;
        dx[b] += vx * f; dy[b] += vy * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] += (cx - pos[i].x) * gx;
        dy[i] += (cy - pos[i].y) * gy;
        const d = Math.max(0.01, Math.hypot(dx[i], dy[i]));
        const step = Math.min(d, temp);
        pos[i].x += (dx[i] / d) * step;
        pos[i].y += (dy[i] / d) * step;
        clamp(pos[i]);
      }
      temp = Math.max(0.5, temp * 0.97);
    }
    // No overlaps: each node owns a box around its circle and its label
    // (which goes above or below it); linked nodes keep room for an arrow.
    const box = nodes.map((d) => {
      const r = radius(d);
      return { w: Math.max(2 * r, 6.4 * String(d.code).length) + 6, hh: r + 15, r };
    });
    const linked = new Set(links.map(([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`)));
    for (let pass = 0; pass < 80; pass++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const vx = pos[j].x - pos[i].x;
          const vy = pos[j].y - pos[i].y;
          if (linked.has(`${i},${j}`)) {
            const d = Math.hypot(vx, vy) || 0.01;
            const min = box[i].r + box[j].r + 34;
            if (d < min) {
              const push = (min - d) / 2;
              pos[i].x -= (vx / d) * push; pos[i].y -= (vy / d) * push;
              pos[j].x += (vx / d) * push; pos[j].y += (vy / d) * push;
              clamp(pos[i]);
              clamp(pos[j]);
              moved = true;
              continue;
            }
          }
          const ox = (box[i].w + box[j].w) / 2 - Math.abs(vx);
          const oy = box[i].hh + box[j].hh - Math.abs(vy);
          if (ox <= 0 || oy <= 0) continue;
          if (ox < oy) {
            const sx = (vx >= 0 ? 1 : -1) * (ox / 2 + 0.5);
            pos[i].x -= sx; pos[j].x += sx;
          } else {
            const sy = (vy >= 0 ? 1 : -1) * (oy / 2 + 0.5);
            pos[i].y -= sy; pos[j].y += sy;
          }
          clamp(pos[i]);
          clamp(pos[j]);
          moved = true;
        }
      }
      if (!moved) break;
    }
    // Labels go below a node, or above it when its links mostly go down.
    const down = new Float64Array(n);
    for (const [a, b] of links) {
      down[a] += Math.sign(pos[b].y - pos[a].y) - 0.2;
      down[b] += Math.sign(pos[a].y - pos[b].y) - 0.2;
    }
    pos.forEach((p, i) => { p.labelAbove = down[i] > 0; });
    return pos;
  }

  // Mean Goldstein -10..+10 → red … grey … blue.
  function edgeColour(mean) {
    const grey = [148, 156, 166];
    const end = mean < 0 ? [196, 48, 43] : [27, 110, 170];
    const t = Math.min(1, Math.abs(mean || 0) / 7);
    const c = grey.map((g, i) => Math.round(g + (end[i] - g) * t));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  function renderNetwork() {
    tooltip.hide();
    const box = clear($('network'));
    const { nodes, edges } = state.network;
    $('network-caption').textContent = `${plural(nodes.length, 'actor')}, ${plural(edges.length, 'dyad')} (top ${NETWORK_TOP})`;
    if (!nodes.length) {
      box.append(h('p', { class: 'empty' }, 'No actors for this filter.'));
      return;
    }
    const W = Math.max(360, box.clientWidth || 600);
    const H = Math.round(Math.min(560, Math.max(360, W * 0.9)));
    const maxEvents = Math.max(1, ...nodes.map((d) => d.events));
    const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
    const radius = (d) => 5 + 15 * Math.sqrt(d.events / maxEvents);
    const pos = layoutNetwork(nodes, edges, W, H, 36, radius);
    const at = new Map(nodes.map((d, i) => [d.code, { x: pos[i].x, y: pos[i].y, r: radius(d), labelAbove: pos[i].labelAbove, d }]));
    const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));

    const chart = s('svg', { class: 'network-svg', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'group', 'aria-label': 'Actor network' });
    const edgeLayer = s('g', { class: 'edges' });
    const nodeLayer = s('g', { class: 'nodes' });

    for (const e of edges) {
      const a = at.get(e.source);
      const b = at.get(e.target);
      if (!a || !b) continue;
      const colour = edgeColour(e.goldstein_mean);
      const width = 1.2 + 4 * Math.sqrt(e.weight / maxWeight);
      const arrow = 5 + width * 1.3;
      let path;
      let tip;
      let dir;
      if (a === b) {
        // self-loop above the node
        const r = a.r;
        const p0 = [a.x - r * 0.55, a.y - r * 0.85];
        const c1 = [a.x - r * 1.2 - 8, a.y - r * 2 - 14];
        const c2 = [a.x + r * 1.2 + 8, a.y - r * 2 - 14];
        tip = [a.x + r * 0.55, a.y - r * 0.85];
        dir = norm(tip[0] - c2[0], tip[1] - c2[1]);
        const endp = [tip[0] - dir[0] * arrow, tip[1] - dir[1] * arrow];
        path = `M${p0[0]},${p0[1]} C${c1[0]},${c1[1]} ${c2[0]},${c2[1]} ${endp[0]},${endp[1]}`;
      } else {
        const len = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
        const bend = pairs.has(`${e.target}\u0000${e.source}`) ? 0.18 * len : 0;
        // perpendicular to the left of a→b: two directions of a pair bend apart
        const c = [(a.x + b.x) / 2 + ((b.y - a.y) / len) * bend, (a.y + b.y) / 2 - ((b.x - a.x) / len) * bend];
        const u0 = norm(c[0] - a.x, c[1] - a.y);
        const p0 = [a.x + u0[0] * (a.r + 2), a.y + u0[1] * (a.r + 2)];
        const u1 = norm(c[0] - b.x, c[1] - b.y);
        tip = [b.x + u1[0] * (b.r + 2), b.y + u1[1] * (b.r + 2)];
        dir = [-u1[0], -u1[1]];
        const endp = [tip[0] - dir[0] * arrow, tip[1] - dir[1] * arrow];
        path = `M${p0[0].toFixed(1)},${p0[1].toFixed(1)} Q${c[0].toFixed(1)},${c[1].toFixed(1)} ${endp[0].toFixed(1)},${endp[1].toFixed(1)}`;
      }
      const wing = arrow * 0.55;
      const head = [
        tip,
        [tip[0] - dir[0] * arrow - dir[1] * wing, tip[1] - dir[1] * arrow + dir[0] * wing],
        [tip[0] - dir[0] * arrow + dir[1] * wing, tip[1] - dir[1] * arrow - dir[0] * wing],
      ].map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ');
      const g = s('g', { class: 'edge', 'data-source': e.source, 'data-target': e.target, 'data-weight': e.weight });
      g.append(
        s('path', { class: 'hit', d: path }),
        s('path', { class: 'line', d: path, stroke: colour, 'stroke-width': width.toFixed(2) }),
        s('polygon', { class: 'head', points: head, fill: colour }),
      );
      const lines = [
        `${e.source} → ${e.target}`,
        ...(actorTitle(e.source) || actorTitle(e.target) ? [`${actorTitle(e.source) || e.source} → ${actorTitle(e.target) || e.target}`] : []),
        plural(e.weight, 'event'),
        `Goldstein: net ${fmtNum(e.goldstein_sum)}, mean ${fmtNum(e.goldstein_mean, 2)}`,
      ];
      tooltip.attach(g, lines);
      activate(g, `${lines.join('. ')}. Select this dyad.`, () => selectDyad(e.source, e.target));
      edgeLayer.append(g);
    }

    for (const d of nodes) {
      const p = at.get(d.code);
      const g = s('g', {
        class: `node${state.filter.source === d.code ? ' current' : ''}`,
        'data-code': d.code,
        'data-events': d.events,
        transform: `translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`,
      });
      g.append(
        s('circle', { r: p.r.toFixed(1), class: d.goldstein_sum < 0 ? 'neg' : d.goldstein_sum > 0 ? 'pos' : 'zero' }),
        s('text', { class: 'label', y: (p.labelAbove ? -(p.r + 5) : p.r + 12).toFixed(1), 'text-anchor': 'middle' }, d.code),
      );
      const lines = [
        d.code,
        ...(actorTitle(d.code) ? [actorTitle(d.code)] : []),
        plural(d.events, 'event'),
        `Net Goldstein ${fmtNum(d.goldstein_sum)}`,
      ];
      tooltip.attach(g, lines);
      activate(g, `${lines.join('. ')}. Make this actor the source.`, () => selectDyad(d.code, ''));
      nodeLayer.append(g);
    }
    chart.append(edgeLayer, nodeLayer);
    box.append(chart);
  }

  function norm(x, y) {
    const d = Math.hypot(x, y) || 1;
    return [x / d, y / d];
  }

  // ------------------------------------------------------------ evidence reader

  function evidenceParams() {
    const p = Object.assign({}, state.filter);
    if (state.period) {
      p.from = state.period.from;
      p.to = state.period.to;
    }
    return p;
  }

  function loadEvidence(more) {
    const box = $('evidence');
    const params = Object.assign({ limit: PAGE_SIZE }, evidenceParams());
    if (more && state.cursor) params.cursor = state.cursor;
    if (!more) {
      state.cursor = null;
      state.shown = 0;
    }
    $('evidence-clear').hidden = !state.period;
    load(box, 'Evidence', async (isLatest) => {
      const [data] = await Promise.all([api('/api/events', params), namesReady]);
      if (!isLatest()) return;
      if (!more) clear(box);
      const old = box.querySelector('.more');
      if (old) old.remove();
      const events = Array.isArray(data.events) ? data.events : [];
      for (const ev of events) box.append(renderEvidence(ev));
      state.shown += events.length;
      state.cursor = data.next_cursor || null;
      if (!state.shown) box.append(h('p', { class: 'empty' }, 'No events for this selection.'));
      if (state.cursor) {
        box.append(h('button', { type: 'button', class: 'more', id: 'evidence-more', onclick: () => loadEvidence(true) }, `Show ${PAGE_SIZE} more`));
      }
      const where = state.period
        ? `${state.period.period} (${state.period.from === state.period.to ? state.period.from : `${state.period.from} to ${state.period.to}`}, ${plural(state.period.count, 'event')})`
        : 'all dates';
      $('evidence-caption').textContent = `${describeFilter(state.filter)} · ${where} · ${state.shown} shown${state.cursor ? ', more available' : ''}`;
    });
  }

  function renderEvidence(ev) {
    const chars = Array.from(ev.sentence || '');
    const base = ev.sentence_start;
    const span = (key, cls, title) => ({ start: rel(ev[`${key}_start`], base), end: rel(ev[`${key}_end`], base), cls, title });
    const sentence = highlight(chars, [
      span('trigger', 'trigger', `event: ${ev.cameo} ${cameoName(ev.cameo)}`.trim()),
      span('source', 'source', `source: ${ev.source_code || '?'}`),
      span('target', 'target', `target: ${ev.target_code || '?'}`),
      span('cue', 'cue', `modality cue: ${ev.modality}`),
      span('location', 'location', `location: ${ev.location_name || ''}`),
    ]);
    const foot = [];
    if (ev.attributed_text) foot.push(h('span', { class: 'attribution' }, 'according to ', h('q', {}, ev.attributed_text)));
    if (ev.location_name) foot.push(h('span', { class: 'place' }, `in ${ev.location_name}${ev.location_country ? ` (${ev.location_country})` : ''}`));
    if (ev.plover_event) foot.push(h('span', { class: 'plover' }, `PLOVER ${ev.plover_event}${ev.plover_mode ? '/' + ev.plover_mode : ''}`));
    foot.push(h('span', { class: 'meta' }, `${ev.genre || ''}${typeof ev.confidence === 'number' ? ` · confidence ${ev.confidence.toFixed(2)}` : ''}`));
    foot.push(h('button', { type: 'button', class: 'link doc-link', onclick: () => openDocument(ev.doc_id, ev.id) }, 'document'));
    return h('article', { class: 'evidence-item', 'data-event-id': ev.id, 'data-modality': ev.modality },
      h('div', { class: 'ev-head' },
        h('time', { datetime: ev.date || null }, ev.date || 'undated'),
        dyadLabel(ev.source_code, ev.target_code),
        modalityBadge(ev.modality)),
      h('div', { class: 'ev-code' },
        cameoLabel(ev.cameo, ev.quad_class),
        h('span', { class: `gold ${ev.goldstein < 0 ? 'neg' : 'pos'}`, title: 'Goldstein score (−10 conflict … +10 cooperation)' }, `Goldstein ${fmtNum(ev.goldstein)}`)),
      h('p', { class: 'sentence' }, sentence),
      h('div', { class: 'ev-foot' }, foot));
  }

  // ------------------------------------------------------------ document dialog

  function openDocument(id, focusEvent) {
    const dialog = $('doc-dialog');
    const body = $('doc-body');
    $('doc-title').textContent = `Document ${id}`;
    $('doc-meta').textContent = '';
    if (!dialog.open) dialog.showModal();
    clear(body).append(h('p', { class: 'empty' }, 'Loading…'));
    load(body, 'Document', async (isLatest) => {
      const [doc] = await Promise.all([api(`/api/documents/${encodeURIComponent(id)}`), namesReady]);
      if (!isLatest()) return;
      $('doc-title').textContent = doc.title || doc.id;
      const meta = clear($('doc-meta'));
      meta.append([doc.date, doc.source, doc.author, doc.genre, plural((doc.events || []).length, 'event')].filter(Boolean).join(' · '));
      if (typeof doc.url === 'string' && /^https?:\/\//i.test(doc.url)) {
        meta.append(' · ', h('a', { href: doc.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original'));
      }
      const spans = (doc.events || []).map((ev) => ({
        start: ev.trigger_start,
        end: ev.trigger_end,
        cls: `trigger${ev.id === focusEvent ? ' focus' : ''}`,
        title: `${ev.source_code || '?'} → ${ev.target_code || '?'}: ${ev.cameo} ${cameoName(ev.cameo)} (${ev.modality})`,
      }));
      // the chosen event first, so it wins any overlap
      spans.sort((a, b) => (b.cls.includes('focus') ? 1 : 0) - (a.cls.includes('focus') ? 1 : 0));
      clear(body).append(h('div', { class: 'doc-text' }, highlight(Array.from(doc.text || ''), spans)));
      const focus = body.querySelector('mark.focus');
      if (focus) focus.scrollIntoView({ block: 'center' });
    });
  }

  // ------------------------------------------------------------ search

  function runSearch() {
    const box = $('search-results');
    const q = $('search-input').value.trim();
    load(box, 'Search', async (isLatest) => {
      if (!q) {
        clear(box).append(h('p', { class: 'empty' }, 'Type a word or an FTS5 query.'));
        return;
      }
      let data;
      try {
        data = await Promise.all([api('/api/search', { q, limit: 20 }), namesReady]).then(([d]) => d);
      } catch (err) {
        if (!isLatest()) return;
        // A bad query is the user's to fix: say so where they look.
        clear(box).append(h('p', { class: 'error', role: 'alert' }, err.status === 400 ? `Query not understood: ${err.message}` : err.message));
        if (err.status !== 400) reportError('Search', err);
        return;
      }
      if (!isLatest()) return;
      clear(box);
      const hits = Array.isArray(data.hits) ? data.hits : [];
      box.append(h('p', { class: 'caption' }, `${plural(hits.length, 'sentence')}${hits.length === 20 ? ' (first 20)' : ''}`));
      for (const hit of hits) {
        const evs = Array.isArray(hit.events) ? hit.events : [];
        const triggers = evs.map((e) => e.trigger).filter(Boolean);
        const list = h('ul', { class: 'hit-events' });
        for (const e of evs) {
          list.append(h('li', { 'data-event-id': e.id },
            dyadLabel(e.source, e.target),
            h('span', {}, cameoLabel(e.cameo, e.quad_class), e.trigger ? h('span', { class: 'meta' }, ` “${e.trigger}”`) : ''),
            h('span', { class: `badge m-${MODALITIES.includes(e.modality) ? e.modality : 'unknown'}`, 'data-modality': e.modality, title: MODALITY_WORDS[e.modality] || null }, e.modality)));
        }
        box.append(h('article', { class: 'search-hit', 'data-doc-id': hit.doc_id, 'data-sentence-idx': hit.sentence_idx },
          h('div', { class: 'hit-head' },
            h('span', { class: 'meta' }, `${hit.doc_id} · sentence ${hit.sentence_idx}${evs[0] && evs[0].date ? ' · ' + evs[0].date : ''}`),
            h('button', { type: 'button', class: 'link doc-link', onclick: () => openDocument(hit.doc_id, null) }, 'document')),
          h('p', { class: 'sentence' }, markWords(hit.text || '', triggers)),
          evs.length ? list : h('p', { class: 'meta' }, 'No events coded in this sentence.')));
      }
    });
  }

  // Search hits carry no offsets: mark the first whole-word match of each trigger.
  function markWords(text, words) {
    const chars = Array.from(text);
    const lower = chars.map((c) => c.toLowerCase());
    const spans = [];
    for (const w of words) {
      const wc = Array.from(w.toLowerCase());
      for (let i = 0; i + wc.length <= lower.length; i++) {
        if (wc.every((c, j) => lower[i + j] === c) && !/\w/.test(lower[i - 1] || '') && !/\w/.test(lower[i + wc.length] || '')) {
          spans.push({ start: i, end: i + wc.length, cls: 'trigger' });
          break;
        }
      }
    }
    return highlight(chars, spans);
  }

  // ------------------------------------------------------------ paste box

  function runPaste() {
    const box = $('paste-result');
    const text = $('paste-text').value;
    const date = $('paste-date').value;
    load(box, 'Code', async (isLatest) => {
      if (!text.trim()) {
        clear(box).append(h('p', { class: 'empty' }, 'Paste a text first.'));
        return;
      }
      const body = JSON.stringify({ text, date: date || null, title: null, doc_id: null });
      const [data] = await Promise.all([
        api('/api/code', null, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } }),
        namesReady,
      ]);
      if (!isLatest()) return;
      clear(box);
      const events = Array.isArray(data.events) ? data.events : [];
      const chars = Array.from(text);
      const spans = [];
      for (const e of events) {
        const what = `${e.cameo} ${cameoName(e.cameo)} (${e.modality})`;
        if (e.trigger) spans.push({ start: e.trigger.start, end: e.trigger.end, cls: 'trigger', title: what });
      }
      for (const e of events) {
        if (e.modality_cue) spans.push({ start: e.modality_cue.start, end: e.modality_cue.end, cls: 'cue', title: `modality cue: ${e.modality}` });
      }
      for (const e of events) {
        if (e.source) spans.push({ start: e.source.start, end: e.source.end, cls: 'source', title: `source: ${e.source.code || '?'}` });
        if (e.target) spans.push({ start: e.target.start, end: e.target.end, cls: 'target', title: `target: ${e.target.code || '?'}` });
      }
      box.append(
        h('p', { class: 'caption' }, `${plural(events.length, 'event')} · genre ${data.genre || '?'} · ${plural((data.sentences || []).length, 'sentence')}`),
        h('div', { class: 'paste-text' }, highlight(chars, spans)));
      if (!events.length) {
        box.append(h('p', { class: 'empty' }, 'No events found in this text.'));
        return;
      }
      const list = h('ol', { class: 'paste-events' });
      for (const e of events) {
        const src = e.source ? e.source.code || '' : '';
        const tgt = e.target ? e.target.code || '' : '';
        const details = [];
        details.push(h('span', {}, 'trigger ', h('q', {}, e.trigger ? e.trigger.text : '?')));
        if (e.modality_cue) details.push(h('span', {}, 'cue ', h('q', {}, e.modality_cue.text)));
        if (e.attributed_to) details.push(h('span', {}, 'according to ', h('q', {}, e.attributed_to.text)));
        if (e.location) details.push(h('span', {}, `in ${e.location.name}`));
        details.push(h('span', { class: `gold ${e.goldstein < 0 ? 'neg' : 'pos'}` }, `Goldstein ${fmtNum(e.goldstein)}`));
        list.append(h('li', {
          class: 'paste-event', 'data-cameo': e.cameo, 'data-modality': e.modality, 'data-source': src, 'data-target': tgt, 'data-event-id': e.event_id,
        },
        h('div', { class: 'ev-head' }, dyadLabel(src, tgt), modalityBadge(e.modality)),
        h('div', { class: 'ev-code' }, cameoLabel(e.cameo, e.quad_class)),
        h('div', { class: 'ev-foot' }, details)));
      }
      box.append(list);
    });
  }

  // ------------------------------------------------------------ start

  function resetForm() {
    $('source-input').value = '';
    $('target-input').value = '';
    $('both-directions').checked = false;
    $('from-input').value = '';
    $('to-input').value = '';
    $('by-select').value = 'month';
    for (const m of MODALITIES) $(`modality-${m}`).checked = m === 'asserted';
    $('known-actors').checked = true;
  }

  function wire() {
    $('filter-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      apply();
    });
    $('reset-button').addEventListener('click', () => {
      resetForm();
      apply();
    });
    $('swap-button').addEventListener('click', () => {
      const a = $('source-input').value;
      $('source-input').value = $('target-input').value;
      $('target-input').value = a;
    });
    $('evidence-clear').addEventListener('click', () => {
      state.period = null;
      for (const b of document.querySelectorAll('#timeline .bar.selected')) b.classList.remove('selected');
      loadEvidence(false);
    });
    $('search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      runSearch();
    });
    $('paste-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      runPaste();
    });
    $('doc-close').addEventListener('click', () => $('doc-dialog').close());
    $('doc-dialog').addEventListener('click', (ev) => {
      if (ev.target === $('doc-dialog')) $('doc-dialog').close(); // backdrop
    });
    let resizeTimer = null;
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        if (state.timeline && $('timeline').dataset.state === 'ready' && state.timeline.rows.length) renderTimeline();
        if (state.network && $('network').dataset.state === 'ready' && state.network.nodes.length) renderNetwork();
      }, 150);
    });
  }

  function start() {
    wire();
    setBusy(1); // held until the first apply has started its requests
    const tracked = (p) => {
      setBusy(1);
      return p.finally(() => setBusy(-1));
    };
    tracked(api('/api/health'))
      .then((hh) => setInfo(`${hh.events} events · ${hh.documents} documents · ${hh.sentences} sentences · dyad ${hh.version}`))
      .catch((err) => reportError('Server', err));
    const cameo = tracked(api('/api/cameo'))
      .then((data) => {
        for (const c of data.codes || []) cameoNames.set(c.code, c.name);
      })
      .catch((err) => reportError('CAMEO names', err));
    const list = $('actor-codes');
    const actors = tracked(api('/api/actors', { top: 200, modality: 'all' }))
      .then((data) => {
        for (const a of data.rows || []) {
          if (a.name) actorNames.set(a.code, a.name);
          list.append(h('option', { value: a.code, label: a.name ? `${a.name} (${a.as_source + a.as_target})` : null }));
        }
      })
      .catch((err) => reportError('Actors', err));
    namesReady = Promise.all([cameo, actors]);
    apply();
    setBusy(-1);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
