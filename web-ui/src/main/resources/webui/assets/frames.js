'use strict';
// The session page's frame table, laid out as Chrome DevTools' Messages pane: the list on the left, the selected
// frame on the right. Pages are keyset pages in both directions (after= and before=), so paging, the arrow keys
// across page boundaries and jumps cost the same at the millionth frame as at the first. Uses session.js's
// `base` and `session`, and common.js's helpers; captured text enters the DOM only as text.

const PAGE_SIZE = 50;
const frameTable = {
  frames: [],       // the page shown, in seq order
  next: -1,         // the after= of the next page, or -1 on the last page
  atStart: true,    // no matching frame before this page
  before: null,     // the frame just before the page when known, for the first row's delta
  selected: null,   // the selected frame's seq
  busy: false,      // a page is loading: keys wait for it
  shown: null,      // the frame open in the detail pane
};
let detailRequest = 0;

function filterParams() {
  const form = document.getElementById('filters');
  const params = new URLSearchParams();
  for (const name of ['direction', 'type', 'operation', 'text']) {
    const v = form.elements[name].value.trim();
    if (v) params.set(name, v);
  }
  return params;
}

function hasFilters() {
  return [...filterParams().keys()].length > 0;
}

/**
 * Loads one page: {after} or {before} a seq (neither: the first page). Then selects {select}: 'first', 'last', a
 * seq, or nothing. Resolves to false when the API refused.
 */
async function loadFrames(options) {
  const o = options || {};
  const params = filterParams();
  if (o.before !== undefined) params.set('before', o.before);
  else params.set('after', o.after === undefined ? -1 : o.after);
  params.set('limit', PAGE_SIZE);
  frameTable.busy = true;
  let page;
  try {
    page = await api(base + '/frames?' + params.toString());
  } catch (e) {
    showStatus(e.message, true);
    return false;
  } finally {
    frameTable.busy = false;
  }
  frameTable.frames = page.frames;
  frameTable.next = page.next;
  frameTable.atStart = page.atStart;
  frameTable.before = o.previous || null;
  renderRows();
  rememberKnown(page.frames);
  updatePager();
  if (o.select === 'first' && page.frames.length > 0) selectFrame(page.frames[0].seq);
  else if (o.select === 'last' && page.frames.length > 0) selectFrame(page.frames[page.frames.length - 1].seq);
  else if (typeof o.select === 'number') selectFrame(o.select);
  return true;
}

function updatePager() {
  const frames = frameTable.frames;
  document.getElementById('next-page').disabled = frameTable.next < 0;
  document.getElementById('prev-page').disabled = frameTable.atStart;
  document.getElementById('first-page').disabled = frameTable.atStart;
  document.getElementById('page-info').textContent = frames.length === 0 ? 'No frames match.'
      : 'Frames ' + frames[0].seq + '–' + frames[frames.length - 1].seq + (frameTable.next < 0 ? ' (last page)' : '');
}

function renderRows() {
  const tbody = clear(document.querySelector('#frames tbody'));
  let previous = frameTable.before;
  for (const f of frameTable.frames) {
    tbody.append(frameRow(f, previous));
    previous = f;
  }
}

/** The page's newest frames as a recording writes them (live view); keeps the selection. */
function appendLiveFrames(frames) {
  const tbody = document.querySelector('#frames tbody');
  const last = () => frameTable.frames[frameTable.frames.length - 1];
  for (const f of frames) {
    if (frameTable.frames.length > 0 && f.seq <= last().seq) continue;
    tbody.append(frameRow(f, last() || frameTable.before));
    frameTable.frames.push(f);
  }
  rememberKnown(frames);
}

function lastShownSeq() {
  return frameTable.frames.length === 0 ? -1 : frameTable.frames[frameTable.frames.length - 1].seq;
}

/** Milliseconds since the session start as the wall clock (UTC, to the millisecond). */
function wallClock(t) {
  const start = session ? Date.parse(session.startedAt) : NaN;
  return Number.isNaN(start) ? '–' : new Date(start + Math.round(t)).toISOString().substring(11, 23);
}

function formatDelta(ms) {
  if (ms === null) return '–';
  if (ms < 1) return '+' + ms.toFixed(3) + ' ms';
  if (ms < 1000) return '+' + ms.toFixed(1) + ' ms';
  return '+' + (ms / 1000).toFixed(3) + ' s';
}

function frameRow(f, previous) {
  const delta = previous ? f.t - previous.t : null;
  const row = el('tr', {class: 'frame ' + f.dir, 'data-seq': f.seq, 'aria-selected': 'false'},
      el('td', {class: 'num seq', text: f.seq}),
      el('td', {class: 'num time', text: (f.t / 1000).toFixed(3)}),
      el('td', {class: 'wall', text: wallClock(f.t)}),
      el('td', {class: 'num delta', text: formatDelta(delta),
        title: previous ? 'since frame ' + previous.seq : 'the previous frame is on the previous page'}),
      el('td', {class: 'dir', title: f.dir, text: f.dir === 'sent' ? '↑' : '↓'}),
      el('td', {class: 'num conn', text: f.connectionId}),
      el('td', {class: 'type', text: f.type ? f.type + (f.id ? ' #' + f.id : '') : ''}),
      el('td', {class: 'operation', text: f.operation || '', title: f.operation || null}),
      el('td', {class: 'num size', text: f.size}),
      el('td', {class: 'preview'}, masked(f.preview)));
  if (f.seq === frameTable.selected) markSelected(row);
  row.addEventListener('click', () => {
    selectFrame(f.seq);
    document.getElementById('frame-scroll').focus({preventScroll: true});
  });
  return row;
}

function markSelected(row) {
  document.querySelectorAll('#frames tr.selected').forEach(r => {
    r.classList.remove('selected');
    r.setAttribute('aria-selected', 'false');
  });
  if (!row) return;
  row.classList.add('selected');
  row.setAttribute('aria-selected', 'true');
}

/** Selects a frame of the page shown: highlights its row, keeps it in view, and opens it on the right. */
function selectFrame(seq) {
  frameTable.selected = seq;
  const row = document.querySelector(`#frames tr[data-seq="${Number(seq)}"]`);
  markSelected(row);
  if (row) row.scrollIntoView({block: 'nearest'});
  openFrame(seq);
}

async function openFrame(seq) {
  const request = ++detailRequest;
  let f;
  try {
    f = await api(base + '/frames/' + encodeURIComponent(seq));
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  if (request !== detailRequest) return; // a later selection won: arrow keys outrun the answers
  frameTable.shown = f;
  const section = document.getElementById('frame-detail');
  section.setAttribute('data-seq', f.seq);
  document.getElementById('frame-placeholder').hidden = true;
  document.getElementById('frame-view').hidden = false;
  document.getElementById('frame-title').textContent = 'Frame ' + f.seq;
  document.getElementById('copy-status').textContent = '';
  const meta = clear(document.getElementById('frame-meta'));
  const add = (k, v) => meta.append(el('dt', {text: k}), el('dd', {text: v === null || v === undefined ? '–' : v}));
  add('Connection', f.connectionId);
  add('Direction', f.dir);
  add('Time', (f.t / 1000).toFixed(3) + ' s since the start');
  add('Wall clock (UTC)', wallClock(f.t));
  add('Opcode', f.opcode);
  add('Type', f.type);
  add('Id', f.id);
  add('Operation', f.operation);
  add('Size', f.size + ' bytes' + (f.payload.truncated ? ' (showing the first part)' : ''));
  clear(document.getElementById('frame-jwts')).append(jwtList(f.jwts));
  const pre = clear(document.getElementById('frame-payload'));
  const binary = document.getElementById('frame-binary');
  const text = f.payload.encoding === 'text';
  pre.hidden = !text;
  binary.hidden = text;
  document.getElementById('copy-payload').textContent = text ? 'Copy payload' : 'Copy payload (base64)';
  if (text) {
    pre.append(masked(f.payload.pretty !== undefined ? f.payload.pretty : f.payload.text));
  } else {
    document.getElementById('frame-hex').textContent = f.payload.hex;
    document.getElementById('frame-base64').textContent = f.payload.base64;
  }
}

/** The arrow keys move the selection, loading the next or previous page at either end of this one. */
async function moveSelection(step) {
  if (frameTable.busy) return;
  const frames = frameTable.frames;
  if (frames.length === 0) return;
  const i = frames.findIndex(f => f.seq === frameTable.selected);
  if (i < 0) {
    selectFrame(step > 0 ? frames[0].seq : frames[frames.length - 1].seq);
  } else if (i + step >= 0 && i + step < frames.length) {
    selectFrame(frames[i + step].seq);
  } else if (step > 0 && frameTable.next >= 0) {
    await loadFrames({after: frameTable.next, previous: frames[frames.length - 1], select: 'first'});
  } else if (step < 0 && !frameTable.atStart) {
    await loadFrames({before: frames[0].seq, select: 'last'});
  }
}

function onFrameKey(e) {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const moves = {ArrowDown: 1, ArrowUp: -1};
  if (e.key in moves) {
    e.preventDefault();
    moveSelection(moves[e.key]);
  } else if (e.key === 'PageDown' && frameTable.next >= 0) {
    e.preventDefault();
    document.getElementById('next-page').click();
  } else if (e.key === 'PageUp' && !frameTable.atStart) {
    e.preventDefault();
    document.getElementById('prev-page').click();
  }
}

/**
 * What the "Go to" box asks for: {seq} for "#120" or "120"; {millis} since the start for "12.5s", "800ms", "2m"
 * or a wall-clock time (UTC) "18:00:12.5" on the session's day (the next day when that is before the start); an
 * ISO instant is taken as is. Throws with a one-sentence hint otherwise.
 */
function parseJump(input) {
  const s = input.trim();
  let m;
  if ((m = /^#?(\d{1,15})$/.exec(s))) return {seq: Number(m[1])};
  if ((m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)$/i.exec(s))) {
    const factor = {ms: 1, s: 1000, m: 60000, min: 60000}[m[2].toLowerCase()];
    return {millis: Number(m[1]) * factor};
  }
  const start = Date.parse(session.startedAt);
  if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d{1,6})?))?$/.exec(s))) {
    const day = new Date(start);
    let at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(m[1]), Number(m[2])) + Number(m[3] || 0) * 1000;
    if (at < start - 1000) at += 24 * 3600 * 1000;
    return {millis: Math.max(0, at - start)};
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s))) return {millis: Math.max(0, Date.parse(s) - start)};
  throw new Error('Cannot go to "' + (s.length > 40 ? s.substring(0, 40) + '…' : s)
      + '": give #SEQ, a time since the start such as 12.5s or 800ms, or a wall-clock time (UTC) such as 18:00:12.5.');
}

function jumpStatus(text, isError) {
  const status = document.getElementById('jump-status');
  status.textContent = text;
  status.classList.toggle('error', !!isError);
}

/** Shows the page that starts at the first frame (matching the filters) at or after seq, and selects it. */
async function jumpToSeq(seq, what) {
  stopLive();
  if (!(await loadFrames({after: Math.max(-1, seq - 1), select: 'first'}))) return;
  const first = frameTable.frames[0];
  if (!first) jumpStatus('No frame at or after ' + what + (hasFilters() ? ' matches the filters.' : '.'), true);
  else if (first.seq === seq) jumpStatus('Frame #' + seq + (what.startsWith('#') ? '' : ', the first at or after ' + what) + '.');
  else jumpStatus('Frame #' + first.seq + ', the first ' + (hasFilters() ? 'matching frame ' : '') + 'at or after ' + what + '.');
  document.getElementById('frame-scroll').focus({preventScroll: true});
  if (session && session.status === 'recording') startLive();
}

/** Jumps to the first frame at or after a time in milliseconds since the session start. */
async function jumpToTime(millis) {
  const what = (millis / 1000).toFixed(3) + ' s (' + wallClock(millis) + ')';
  let hit;
  try {
    hit = await api(base + '/seek?t=' + encodeURIComponent(millis));
  } catch (e) {
    jumpStatus(e.message.startsWith('no frame at or after') ? 'No frame at or after ' + what + '.' : e.message, true);
    return;
  }
  await jumpToSeq(hit.seq, what);
}

async function onJump(e) {
  e.preventDefault();
  let target;
  try {
    target = parseJump(document.getElementById('jump-to').value);
  } catch (err) {
    jumpStatus(err.message, true);
    return;
  }
  if (target.seq !== undefined) await jumpToSeq(target.seq, '#' + target.seq);
  else await jumpToTime(target.millis);
}

/** Copies the open frame's payload as sent (tokens included: the user asked for the data), base64 for binary. */
async function copyPayload() {
  const f = frameTable.shown;
  if (!f) return;
  const text = f.payload.encoding === 'text' ? f.payload.text : f.payload.base64;
  const status = document.getElementById('copy-status');
  let copied = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      copied = true;
    }
  } catch (e) {
    copied = false; // denied or no focus: fall back to the selection and copy command below
  }
  if (!copied) copied = copyWithSelection(text);
  const part = f.payload.truncated ? ' (the first part only; export the session for all of it)' : '';
  status.textContent = copied ? 'Copied ' + text.length + ' characters' + part + '.' : 'Could not copy: select the payload and press Ctrl+C.';
  status.classList.toggle('error', !copied);
}

/** The fallback for browsers without the asynchronous clipboard (or without permission): a hidden textarea. */
function copyWithSelection(text) {
  const area = el('textarea', {class: 'offscreen', readonly: true, 'aria-hidden': 'true'});
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch (e) {
    ok = false;
  }
  area.remove();
  return ok;
}

const knownTypes = new Set(), knownOperations = new Set();
function rememberKnown(frames) {
  for (const f of frames) {
    if (f.type && !knownTypes.has(f.type)) {
      knownTypes.add(f.type);
      document.getElementById('known-types').append(el('option', {value: f.type}));
    }
    if (f.operation && !knownOperations.has(f.operation)) {
      knownOperations.add(f.operation);
      document.getElementById('known-operations').append(el('option', {value: f.operation}));
    }
  }
}

function setupFrameControls() {
  const recording = () => session && session.status === 'recording';
  document.getElementById('filters').addEventListener('submit', e => {
    e.preventDefault();
    stopLive();
    jumpStatus('');
    loadFrames().then(() => { if (recording()) startLive(); });
  });
  document.getElementById('reset-filters').addEventListener('click', () => {
    document.getElementById('filters').reset();
    document.getElementById('filters').requestSubmit();
  });
  document.getElementById('next-page').addEventListener('click', () => {
    if (frameTable.next < 0) return;
    const frames = frameTable.frames;
    loadFrames({after: frameTable.next, previous: frames[frames.length - 1]}).then(() => { if (recording()) startLive(); });
  });
  document.getElementById('prev-page').addEventListener('click', () => {
    if (frameTable.atStart || frameTable.frames.length === 0) return;
    stopLive();
    loadFrames({before: frameTable.frames[0].seq});
  });
  document.getElementById('first-page').addEventListener('click', () => {
    stopLive();
    loadFrames();
  });
  document.getElementById('frame-scroll').addEventListener('keydown', onFrameKey);
  document.getElementById('jump').addEventListener('submit', onJump);
  document.getElementById('copy-payload').addEventListener('click', copyPayload);
}
