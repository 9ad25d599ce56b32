// The sensor-recovery dashboard: plain JS, canvas and SVG, no libraries, no build step.
// State comes from /api/arrays once, then from server-sent events (/api/events, at most 2 a second);
// the selected array's history from /api/arrays/{id} once, then one point per event.
'use strict';

(function () {
  const NS = 'http://www.w3.org/2000/svg';
  const HISTORY = 600;
  const state = { arrays: [], selected: null, history: {}, loading: {}, drawnEstimate: null };

  const $ = (id) => document.getElementById(id);

  function svg(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const k of Object.keys(attrs)) {
      e.setAttribute(k, String(attrs[k]));
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    if (parent) {
      parent.appendChild(e);
    }
    return e;
  }

  // One SVG unit per CSS pixel at the element's current width, so text stays readable on a phone.
  function frame(root, fallbackWidth, height) {
    clear(root);
    const w = Math.round(root.getBoundingClientRect().width) || fallbackWidth;
    const width = Math.max(240, w);
    root.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    return width;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function fmtExp(v) {
    return v === null || v === undefined || !isFinite(v) ? '–' : Number(v).toExponential(2);
  }

  function fmtInt(v) {
    return v === null || v === undefined ? '–' : Math.round(v).toLocaleString('en-US');
  }

  function fmtAge(s) {
    if (s === null || s === undefined) {
      return '–';
    }
    return s < 60 ? s.toFixed(1) + ' s' : (s / 60).toFixed(1) + ' min';
  }

  function getJson(url) {
    return fetch(url, { cache: 'no-store', credentials: 'same-origin' }).then((r) => {
      if (!r.ok) {
        throw new Error(url + ': HTTP ' + r.status);
      }
      return r.json();
    });
  }

  // ---- state ----

  function onState(s) {
    state.arrays = s.arrays || [];
    $('runtime').textContent = s.runtime || '';
    const mqtt = $('mqtt');
    mqtt.textContent = s.mqtt && s.mqtt.connected ? 'MQTT connected' : 'MQTT disconnected';
    mqtt.className = 'badge ' + (s.mqtt && s.mqtt.connected ? 'ok' : 'bad');
    $('updated').textContent = s.time ? 'updated ' + new Date(s.time).toLocaleTimeString() : '';
    if (!state.selected || !state.arrays.some((a) => a.id === state.selected)) {
      const fromHash = decodeURIComponent((location.hash.match(/array=([^&]+)/) || [])[1] || '');
      const found = state.arrays.find((a) => a.id === fromHash);
      state.selected = found ? found.id : (state.arrays[0] ? state.arrays[0].id : null);
    }
    for (const a of state.arrays) {
      appendPoint(a.id, a.point);
    }
    renderTable();
    renderDetail();
  }

  function appendPoint(id, p) {
    const h = state.history[id];
    if (!h || !p) {
      return;
    }
    if (h.length === 0 || p.t > h[h.length - 1].t) {
      h.push(p);
      if (h.length > HISTORY) {
        h.splice(0, h.length - HISTORY);
      }
    }
  }

  function loadHistory(id) {
    if (state.history[id] || state.loading[id]) {
      return;
    }
    state.loading[id] = true;
    getJson('/api/arrays/' + encodeURIComponent(id)).then((s) => {
      state.history[id] = (s.array && s.array.history) || [];
      state.loading[id] = false;
      renderDetail();
    }).catch(() => {
      state.loading[id] = false;
    });
  }

  function select(id) {
    state.selected = id;
    state.drawnEstimate = null;
    history.replaceState(null, '', '#array=' + encodeURIComponent(id));
    renderTable();
    renderDetail();
  }

  // ---- arrays table ----

  function renderTable() {
    const body = $('arrays').tBodies[0];
    clear(body);
    for (const a of state.arrays) {
      const e = a.estimate;
      const tr = document.createElement('tr');
      tr.dataset.array = a.id;
      if (a.id === state.selected) {
        tr.className = 'selected';
      }
      const cells = [a.id, a.kind, shapeOf(a), fmtInt(a.counters.accepted), e ? e.rank : '–', fmtExp(e && e.residual),
        fmtExp(a.error), fmtInt(a.rate), fmtInt(a.counters.rejected), fmtInt(a.counters.missing), fmtAge(a.estimateAgeSeconds)];
      cells.forEach((c, i) => {
        const td = document.createElement('td');
        td.textContent = String(c);
        if (i >= 3) {
          td.className = 'num';
        }
        tr.appendChild(td);
      });
      tr.addEventListener('click', () => select(a.id));
      body.appendChild(tr);
    }
  }

  // ---- detail of the selected array ----

  function renderDetail() {
    const a = state.arrays.find((x) => x.id === state.selected);
    $('detail').hidden = !a;
    if (!a) {
      return;
    }
    loadHistory(a.id);
    const e = a.estimate;
    $('detail-title').textContent = a.id + ' — ' + a.kind + ', ' + (a.rows ? shapeOf(a) : 'd = ' + a.d) + ', window ' + fmtInt(a.window)
      + (a.workerAlive ? '' : ' — WORKER STOPPED');
    $('s-measurements').textContent = fmtInt(a.counters.accepted);
    $('s-rejected').textContent = fmtInt(a.counters.rejected) + ' / ' + fmtInt(a.counters.duplicates);
    $('s-missing').textContent = fmtInt(a.counters.missing);
    // Only a gateway with uplink.kafka reports a backlog: journaled measurements Kafka has not acknowledged.
    $('s-uplink-box').hidden = a.uplinkBacklog === undefined;
    $('s-uplink').textContent = a.uplinkBacklog === undefined ? '–' : fmtInt(a.uplinkBacklog);
    $('s-rank').textContent = e ? String(e.rank) : '–';
    $('s-residual').textContent = fmtExp(e && e.residual);
    $('s-validation').textContent = fmtExp(e && e.validationResidual);
    // Under a robust loss the estimate names the devices whose measurements are mostly gross errors.
    const robust = !!(e && e.loss && e.loss !== 'l2');
    $('s-suspects-box').hidden = !robust;
    if (robust) {
      const suspects = e.suspectDevices || [];
      $('s-suspects').textContent = suspects.length === 0 ? 'none (' + fmtInt(e.outliers) + ' outliers)'
        : suspects.map((s) => s.device + ' (' + Math.round(100 * s.outlierFraction) + '% outliers)').join(', ');
    }
    $('s-error').textContent = a.truth ? fmtExp(a.error) : 'no truth';
    $('s-rate').textContent = a.rate === null ? '–' : fmtInt(a.rate) + ' /s';
    $('s-age').textContent = fmtAge(a.estimateAgeSeconds);
    const key = e ? a.id + '@' + e.updatedAt + '@' + e.iterations : null;
    if (key !== state.drawnEstimate) {
      drawHeatmap(e, a.rows || a.d, a.cols || a.d);
      drawSpectrum(e, a.truth);
      state.drawnEstimate = key;
    }
    const h = state.history[a.id] || [];
    drawConvergence(h, !!a.truth);
    drawRate(h);
    drawRejects(a.counters.rejectedByReason || {});
    renderRejections(a.recentRejections || []);
  }

  // d, or rows × cols for a rectangular array.
  function shapeOf(a) {
    return a.rows ? a.rows + ' × ' + a.cols : String(a.d);
  }

  // X_hat = sum_j lambda_j v_j v_j^T (or sum_j sigma_j u_j v_j^T for a rectangular array) on a grid
  // of at most 256 x 256 (every (rows/n)-th row and (cols/n)-th column).
  function drawHeatmap(e, rows, cols) {
    const canvas = $('heatmap');
    $('heatmap-size').textContent = rows + ' × ' + cols;
    const left = e && (e.eigenvectors || e.left);
    const right = e && (e.eigenvectors || e.right);
    const values = e && (e.eigenvalues || e.singularValues);
    if (!left || left.length === 0) {
      canvas.width = 1;
      canvas.height = 1;
      $('scale-min').textContent = '';
      $('scale-max').textContent = '';
      return;
    }
    const nr = Math.min(rows, 256);
    const nc = Math.min(cols, 256);
    const ri = new Int32Array(nr);
    const ci = new Int32Array(nc);
    for (let i = 0; i < nr; i++) {
      ri[i] = Math.floor(i * rows / nr);
    }
    for (let j = 0; j < nc; j++) {
      ci[j] = Math.floor(j * cols / nc);
    }
    const x = new Float64Array(nr * nc);
    let max = 0;
    for (let r = 0; r < left.length; r++) {
      const u = left[r];
      const v = right[r];
      const lam = values[r];
      for (let i = 0; i < nr; i++) {
        const li = lam * u[ri[i]];
        const row = i * nc;
        for (let j = 0; j < nc; j++) {
          x[row + j] += li * v[ci[j]];
        }
      }
    }
    for (let k = 0; k < x.length; k++) {
      max = Math.max(max, Math.abs(x[k]));
    }
    canvas.width = nc;
    canvas.height = nr;
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(nc, nr);
    for (let k = 0; k < x.length; k++) {
      const c = diverging(max > 0 ? x[k] / max : 0);
      img.data[4 * k] = c[0];
      img.data[4 * k + 1] = c[1];
      img.data[4 * k + 2] = c[2];
      img.data[4 * k + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    drawScale();
    $('scale-min').textContent = fmtExp(-max);
    $('scale-max').textContent = fmtExp(max);
  }

  // ColorBrewer RdBu, blue for negative, white at zero, red for positive; t in [-1, 1].
  const STOPS = [[33, 102, 172], [103, 169, 207], [247, 247, 247], [239, 138, 98], [178, 24, 43]];

  function diverging(t) {
    const u = (Math.max(-1, Math.min(1, t)) + 1) / 2 * (STOPS.length - 1);
    const i = Math.min(STOPS.length - 2, Math.floor(u));
    const f = u - i;
    const a = STOPS[i];
    const b = STOPS[i + 1];
    return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
  }

  function drawScale() {
    const c = $('heatmap-scale');
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(c.width, 1);
    for (let i = 0; i < c.width; i++) {
      const col = diverging(2 * i / (c.width - 1) - 1);
      img.data.set([col[0], col[1], col[2], 255], 4 * i);
    }
    ctx.putImageData(img, 0, 0);
  }

  function drawSpectrum(e, truth) {
    const root = $('spectrum');
    const H = 240;
    const W = frame(root, 320, H);
    const left = 44;
    const top = 34;
    const bottom = 24;
    const values = e ? e.eigenvalues || e.singularValues : [];
    const tv = truth ? truth.eigenvalues || truth.singularValues : [];
    svg('text', { x: 8, y: 24, class: 'big' }, root, e ? 'rank ' + e.rank : 'no estimate yet');
    if (truth) {
      svg('text', { x: W - 8, y: 24, class: 'label', 'text-anchor': 'end' }, root, 'truth rank ' + truth.rank);
    }
    const n = Math.max(values.length, tv.length);
    if (n === 0) {
      return;
    }
    const max = Math.max(...values, ...tv, 1e-300);
    const plotH = H - top - bottom;
    const step = (W - left - 8) / n;
    svg('line', { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, class: 'axis' }, root);
    for (const f of [0, 0.5, 1]) {
      const y = H - bottom - f * plotH;
      svg('text', { x: left - 4, y: y + 4, class: 'tick', 'text-anchor': 'end' }, root, (f * max).toPrecision(2));
    }
    for (let i = 0; i < values.length; i++) {
      const h = Math.max(1, values[i] / max * plotH);
      svg('rect', { x: left + i * step + step * 0.15, y: H - bottom - h, width: Math.max(1, step * 0.7), height: h,
        class: 'bar' }, root);
    }
    for (let i = 0; i < tv.length; i++) {
      svg('circle', { cx: left + i * step + step / 2, cy: H - bottom - tv[i] / max * plotH, r: 4, class: 'truth' }, root);
    }
    const every = Math.ceil(n / 16);
    for (let i = 0; i < n; i += every) {
      svg('text', { x: left + i * step + step / 2, y: H - 8, class: 'tick', 'text-anchor': 'middle' }, root, String(i + 1));
    }
  }

  // Seconds before now on x; the caller's scale on y.
  function timeAxis(root, points, W, H, left, bottom) {
    const t0 = points[0].t;
    const t1 = points[points.length - 1].t;
    const span = Math.max(1, t1 - t0);
    svg('line', { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, class: 'axis' }, root);
    svg('text', { x: left, y: H - 6, class: 'tick' }, root, '-' + Math.round(span / 1000) + ' s');
    svg('text', { x: W - 4, y: H - 6, class: 'tick', 'text-anchor': 'end' }, root, 'now');
    return (t) => left + (t - t0) / span * (W - 4 - left);
  }

  function path(points, xOf, yOf, value) {
    let d = '';
    let pen = false;
    for (const p of points) {
      const v = value(p);
      if (v === null || v === undefined || !isFinite(v) || v <= 0 && yOf.log) {
        pen = false;
        continue;
      }
      d += (pen ? 'L' : 'M') + xOf(p.t).toFixed(1) + ' ' + yOf(v).toFixed(1);
      pen = true;
    }
    return d;
  }

  function drawConvergence(points, hasTruth) {
    const root = $('convergence');
    const H = 220;
    const W = frame(root, 640, H);
    const left = 52;
    const top = 10;
    const bottom = 24;
    const vals = [];
    for (const p of points) {
      for (const v of [p.residual, p.error]) {
        if (v !== null && v !== undefined && isFinite(v) && v > 0) {
          vals.push(v);
        }
      }
    }
    if (points.length < 2 || vals.length === 0) {
      svg('text', { x: W / 2, y: H / 2, class: 'empty', 'text-anchor': 'middle' }, root, 'collecting…');
      return;
    }
    let lo = Math.floor(Math.log10(Math.min(...vals)));
    let hi = Math.ceil(Math.log10(Math.max(...vals)));
    if (hi <= lo) {
      hi = lo + 1;
    }
    const yOf = (v) => top + (hi - Math.log10(v)) / (hi - lo) * (H - top - bottom);
    yOf.log = true;
    const every = Math.ceil((hi - lo) / 6);
    for (let k = lo; k <= hi; k += every) {
      const y = yOf(Math.pow(10, k));
      svg('line', { x1: left, y1: y, x2: W - 4, y2: y, class: 'axis' }, root);
      svg('text', { x: left - 4, y: y + 4, class: 'tick', 'text-anchor': 'end' }, root, '1e' + k);
    }
    const xOf = timeAxis(root, points, W, H, left, bottom);
    svg('path', { d: path(points, xOf, yOf, (p) => p.residual), class: 'line-residual' }, root);
    if (hasTruth) {
      svg('path', { d: path(points, xOf, yOf, (p) => p.error), class: 'line-error' }, root);
    }
  }

  function drawRate(points) {
    const root = $('rate');
    const H = 200;
    const W = frame(root, 320, H);
    const left = 48;
    const top = 10;
    const bottom = 24;
    if (points.length < 2) {
      svg('text', { x: W / 2, y: H / 2, class: 'empty', 'text-anchor': 'middle' }, root, 'collecting…');
      return;
    }
    const max = Math.max(1, ...points.map((p) => p.rate || 0));
    const yOf = (v) => H - bottom - v / max * (H - top - bottom);
    for (const f of [0, 0.5, 1]) {
      const y = yOf(f * max);
      svg('line', { x1: left, y1: y, x2: W - 4, y2: y, class: 'axis' }, root);
      svg('text', { x: left - 4, y: y + 4, class: 'tick', 'text-anchor': 'end' }, root, fmtInt(f * max));
    }
    const xOf = timeAxis(root, points, W, H, left, bottom);
    svg('path', { d: path(points, xOf, yOf, (p) => p.rate), class: 'line-rate' }, root);
  }

  function drawRejects(byReason) {
    const root = $('rejects');
    const W = frame(root, 320, 200);
    const entries = Object.keys(byReason).map((k) => [k, byReason[k]]).sort((a, b) => b[1] - a[1]);
    if (entries.length === 0) {
      svg('text', { x: W / 2, y: 100, class: 'empty', 'text-anchor': 'middle' }, root, 'no rejects');
      return;
    }
    const max = Math.max(...entries.map((e) => e[1]));
    const rowH = Math.min(28, 190 / entries.length);
    const left = Math.min(150, W / 2);
    entries.forEach((e, i) => {
      const y = 6 + i * rowH;
      const w = Math.max(2, e[1] / max * (W - left - 50));
      svg('text', { x: left - 6, y: y + rowH * 0.65, class: 'label', 'text-anchor': 'end' }, root, e[0]);
      svg('rect', { x: left, y: y + 2, width: w, height: Math.max(2, rowH - 6), class: 'bar-reject' }, root);
      svg('text', { x: left + w + 4, y: y + rowH * 0.65, class: 'tick' }, root, fmtInt(e[1]));
    });
  }

  function renderRejections(list) {
    const body = $('rejections').tBodies[0];
    clear(body);
    if (list.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 5;
      td.className = 'muted';
      td.textContent = 'none so far';
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    for (const r of list) {
      const tr = document.createElement('tr');
      const cells = [new Date(r.at).toLocaleTimeString(), r.bucket, r.reason, r.device === null ? '–' : r.device,
        r.seq === null ? '–' : r.seq];
      cells.forEach((c, i) => {
        const td = document.createElement('td');
        td.textContent = String(c);
        td.className = i === 2 ? 'reason' : i === 4 ? 'num' : '';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
  }

  // ---- live updates ----

  function connect() {
    const live = $('live');
    const es = new EventSource('/api/events');
    es.onopen = () => {
      live.textContent = 'live';
      live.className = 'badge ok';
    };
    es.onmessage = (m) => onState(JSON.parse(m.data));
    es.onerror = () => {
      live.textContent = 'reconnecting…';
      live.className = 'badge bad';
    };
  }

  window.addEventListener('resize', () => {
    state.drawnEstimate = null;
    renderDetail();
  });

  window.addEventListener('hashchange', () => {
    const id = decodeURIComponent((location.hash.match(/array=([^&]+)/) || [])[1] || '');
    if (id && id !== state.selected && state.arrays.some((a) => a.id === id)) {
      select(id);
    }
  });

  getJson('/api/arrays').then(onState).catch(() => {
    $('live').textContent = 'cannot load /api/arrays';
  }).then(connect);
}());
