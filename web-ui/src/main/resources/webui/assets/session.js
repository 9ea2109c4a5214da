'use strict';

const sessionId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
const base = '/api/sessions/' + encodeURIComponent(sessionId);
const PAGE_SIZE = 50;
// Keyset paging: the cursors of the pages before the current one, so Previous goes back without offsets.
const pager = {cursors: [], after: -1, next: -1, lastSeq: -1};
let session = null;
let live = null;

async function loadSession() {
  try {
    session = await api(base);
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  showStatus('');
  document.title = 'kosmi-recorder · ' + (session.name || session.id);
  document.getElementById('session-name').textContent = session.name || session.id;
  const meta = clear(document.getElementById('session-meta'));
  const add = (k, v) => meta.append(el('dt', {text: k}), el('dd', {}, masked(v)));
  add('Id', session.id);
  add('Kind', session.kind);
  add('Status', session.status);
  add('Target', session.target);
  add('Started (UTC)', formatInstant(session.startedAt));
  add('Duration', formatDuration(session.durationMillis));
  add('Frames', session.frames + ' (' + session.framesSent + ' sent, ' + session.framesReceived + ' received)'
      + (session.framesLost ? ', ' + session.framesLost + ' lost' : ''));
  for (const [k, v] of Object.entries(session.attributes || {})) add(k, v);
  document.getElementById('export-fixture').setAttribute('href', base + '/export?format=fixture');
  document.getElementById('export-secrets').setAttribute('href', base + '/export?format=fixture&secrets=true');
  document.getElementById('export-har').setAttribute('href', base + '/export?format=har');
  await Promise.all([loadExchanges(), loadConnections(), loadTimeline(), loadFrames()]);
  if (session.status === 'recording') startLive();
}

async function loadExchanges() {
  const box = clear(document.getElementById('exchanges'));
  const exchanges = await api(base + '/exchanges');
  if (exchanges.length === 0) box.append(el('p', {class: 'muted', text: 'No HTTP exchanges.'}));
  for (const x of exchanges) {
    const title = el('summary', {}, el('span', {class: 'method', text: x.method}), ' ', masked(x.url), ' → ',
        el('span', {class: 'http-status', text: x.status || (x.error || 'no response')}));
    box.append(el('details', {class: 'exchange', 'data-id': x.id}, title,
        el('div', {class: 'side-by-side'},
            el('div', {}, el('h3', {text: 'Request headers'}), headersTable(x.requestHeaders), el('h3', {text: 'Request body'}), payloadView(x.requestBody)),
            el('div', {}, el('h3', {text: 'Response headers'}), headersTable(x.responseHeaders), el('h3', {text: 'Response body'}), payloadView(x.responseBody))),
        jwtList(x.jwts)));
  }
}

async function loadConnections() {
  const box = clear(document.getElementById('connections'));
  const connections = await api(base + '/connections');
  if (connections.length === 0) box.append(el('p', {class: 'muted', text: 'No WebSocket connections.'}));
  for (const c of connections) {
    const status = c.status ? (c.status + ' ' + (c.statusText || '')) : 'no answer';
    const card = el('div', {class: 'connection' + (c.rejected ? ' rejected' : ''), 'data-id': c.id},
        el('h3', {}, 'Connection ' + c.id + ' ', masked(c.url)),
        el('p', {}, 'Status ', el('span', {class: 'http-status', text: status}),
            c.subprotocol ? ' · subprotocol ' : '', c.subprotocol ? el('code', {text: c.subprotocol}) : '',
            c.closeCode !== null ? ' · closed with ' + c.closeCode + (c.closeReason ? ' (' + c.closeReason + ')' : '') : '',
            ' · ', el('a', {href: '/compare?a=' + encodeURIComponent(sessionId + ':' + c.id)}, 'Compare this handshake…')));
    if (c.rejected || c.error) {
      card.append(el('p', {class: 'refusal'}, 'Refused: ', masked(c.error || ('HTTP ' + c.status))));
    }
    card.append(el('div', {class: 'side-by-side'},
        el('div', {}, el('h4', {text: 'Handshake request headers'}), headersTable(c.requestHeaders, 'request')),
        el('div', {}, el('h4', {text: 'Handshake response headers'}), headersTable(c.responseHeaders, 'response'))));
    if (c.responseBody && c.responseBody.size > 0) card.append(el('h4', {text: 'Response body'}), payloadView(c.responseBody));
    card.append(jwtList(c.jwts));
    box.append(card);
  }
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Frames per second by direction as two bar series in an SVG (no chart library needed for two series). */
async function loadTimeline() {
  const box = clear(document.getElementById('timeline'));
  const data = await api(base + '/timeline');
  const buckets = data.buckets;
  if (buckets.length === 0) {
    box.append(el('p', {class: 'muted', text: 'No frames.'}));
    return;
  }
  const width = 900, height = 160, pad = 30;
  const span = buckets[buckets.length - 1].t + data.bucketSeconds;
  const max = Math.max(1, ...buckets.map(b => Math.max(b.sent, b.received)));
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height + pad}`, class: 'timeline', role: 'img', 'aria-label': 'frames per second by direction'});
  const x = t => pad + (t / span) * (width - pad - 10);
  const barWidth = Math.max(1, (width - pad - 10) * data.bucketSeconds / span / 2 - 1);
  chart.append(svg('line', {x1: pad, y1: height, x2: width - 10, y2: height, class: 'axis'}));
  for (const b of buckets) {
    const hs = b.sent / max * (height - 10), hr = b.received / max * (height - 10);
    const sent = svg('rect', {x: x(b.t), y: height - hs, width: barWidth, height: hs, class: 'sent'});
    const received = svg('rect', {x: x(b.t) + barWidth, y: height - hr, width: barWidth, height: hr, class: 'received'});
    const tip = svg('title', {});
    tip.textContent = `${b.t}s: ${b.sent} sent/s, ${b.received} received/s`;
    sent.append(tip);
    received.append(tip.cloneNode(true));
    chart.append(sent, received);
  }
  const label = (text, lx, ly, anchor) => {
    const t = svg('text', {x: lx, y: ly, 'text-anchor': anchor || 'start', class: 'label'});
    t.textContent = text;
    chart.append(t);
  };
  label(String(max), pad - 4, 12, 'end');
  label('0 s', pad, height + 16);
  label(span + ' s', width - 10, height + 16, 'end');
  box.append(chart, el('p', {class: 'legend'}, el('span', {class: 'sent', text: 'sent'}), ' ', el('span', {class: 'received', text: 'received'}),
      ' · buckets of ' + data.bucketSeconds + ' s'));
}

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

async function loadFrames() {
  const params = filterParams();
  params.set('after', pager.after);
  params.set('limit', PAGE_SIZE);
  let page;
  try {
    page = await api(base + '/frames?' + params.toString());
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  const tbody = clear(document.querySelector('#frames tbody'));
  for (const f of page.frames) appendFrameRow(tbody, f);
  pager.next = page.next;
  if (page.frames.length > 0) pager.lastSeq = page.frames[page.frames.length - 1].seq;
  document.getElementById('next-page').disabled = page.next < 0;
  document.getElementById('prev-page').disabled = pager.cursors.length === 0;
  document.getElementById('first-page').disabled = pager.cursors.length === 0;
  document.getElementById('page-info').textContent = page.frames.length === 0 ? 'No frames match.'
      : 'Frames ' + page.frames[0].seq + '–' + page.frames[page.frames.length - 1].seq + (page.next < 0 ? ' (last page)' : '');
  rememberKnown(page.frames);
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

function appendFrameRow(tbody, f) {
  const row = el('tr', {class: 'frame ' + f.dir, 'data-seq': f.seq, tabindex: 0},
      el('td', {class: 'num', text: f.seq}),
      el('td', {class: 'num', text: (f.t / 1000).toFixed(3)}),
      el('td', {class: 'num', text: f.connectionId}),
      el('td', {text: f.dir === 'sent' ? '↑ sent' : '↓ received'}),
      el('td', {text: f.type || ''}),
      el('td', {text: f.id || ''}),
      el('td', {text: f.operation || ''}),
      el('td', {class: 'num', text: f.size}),
      el('td', {class: 'preview'}, masked(f.preview)));
  row.addEventListener('click', () => openFrame(f.seq));
  row.addEventListener('keydown', e => { if (e.key === 'Enter') openFrame(f.seq); });
  tbody.append(row);
}

async function openFrame(seq) {
  let f;
  try {
    f = await api(base + '/frames/' + encodeURIComponent(seq));
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  document.querySelectorAll('#frames tr.selected').forEach(r => r.classList.remove('selected'));
  const row = document.querySelector(`#frames tr[data-seq="${Number(seq)}"]`);
  if (row) row.classList.add('selected');
  const section = document.getElementById('frame-detail');
  section.hidden = false;
  section.setAttribute('data-seq', f.seq);
  document.getElementById('frame-title').textContent = 'Frame ' + f.seq;
  const meta = clear(document.getElementById('frame-meta'));
  const add = (k, v) => meta.append(el('dt', {text: k}), el('dd', {text: v === null || v === undefined ? '–' : v}));
  add('Connection', f.connectionId);
  add('Direction', f.dir);
  add('Time', (f.t / 1000).toFixed(3) + ' s');
  add('Opcode', f.opcode);
  add('Type', f.type);
  add('Id', f.id);
  add('Operation', f.operation);
  add('Size', f.size + ' bytes' + (f.payload.truncated ? ' (showing the first part)' : ''));
  clear(document.getElementById('frame-jwts')).append(jwtList(f.jwts));
  const pre = clear(document.getElementById('frame-payload'));
  const binary = document.getElementById('frame-binary');
  if (f.payload.encoding === 'text') {
    pre.hidden = false;
    binary.hidden = true;
    pre.append(masked(f.payload.pretty !== undefined ? f.payload.pretty : f.payload.text));
  } else {
    pre.hidden = true;
    binary.hidden = false;
    document.getElementById('frame-hex').textContent = f.payload.hex;
    document.getElementById('frame-base64').textContent = f.payload.base64;
  }
  section.scrollIntoView({block: 'nearest'});
}

/** Live view of a recording: server-sent events, or polling the frame API when the stream fails. */
function startLive() {
  const status = document.getElementById('live-status');
  status.hidden = false;
  status.className = 'live';
  status.textContent = 'Recording in progress: new frames appear below as they arrive.';
  if (pager.next >= 0 || hasFilters()) {
    status.textContent = 'Recording in progress: go to the last page without filters to watch new frames arrive.';
    return;
  }
  if (live) return;
  const onFrames = frames => {
    const tbody = document.querySelector('#frames tbody');
    for (const f of frames) {
      if (f.seq > pager.lastSeq) {
        appendFrameRow(tbody, f);
        pager.lastSeq = f.seq;
      }
    }
    rememberKnown(frames);
    document.getElementById('page-info').textContent = 'Live: ' + tbody.rows.length + ' frames shown, newest ' + pager.lastSeq;
  };
  const onEnd = state => {
    stopLive();
    status.className = 'ended';
    status.textContent = 'The recording has ended (' + state + ').';
  };
  if (window.EventSource) {
    const source = new EventSource(base + '/live?after=' + pager.lastSeq);
    live = {close: () => source.close()};
    source.addEventListener('frames', e => onFrames(JSON.parse(e.data)));
    source.addEventListener('end', e => onEnd(JSON.parse(e.data).status));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED && live) {
        live = null;
        poll(onFrames, onEnd);
      }
    });
  } else {
    poll(onFrames, onEnd);
  }
}

function poll(onFrames, onEnd) {
  const timer = setInterval(async () => {
    try {
      const page = await api(base + '/frames?after=' + pager.lastSeq + '&limit=200');
      onFrames(page.frames);
      if (page.next < 0) {
        const s = await api(base);
        if (s.status !== 'recording') onEnd(s.status);
      }
    } catch (e) {
      showStatus(e.message, true);
    }
  }, 1000);
  live = {close: () => clearInterval(timer)};
}

function stopLive() {
  if (live) live.close();
  live = null;
}

function setupFrameControls() {
  document.getElementById('filters').addEventListener('submit', e => {
    e.preventDefault();
    stopLive();
    pager.cursors = [];
    pager.after = -1;
    loadFrames().then(() => { if (session && session.status === 'recording') startLive(); });
  });
  document.getElementById('reset-filters').addEventListener('click', () => {
    document.getElementById('filters').reset();
    document.getElementById('filters').requestSubmit();
  });
  document.getElementById('next-page').addEventListener('click', () => {
    if (pager.next < 0) return;
    pager.cursors.push(pager.after);
    pager.after = pager.next;
    loadFrames().then(() => { if (session.status === 'recording') startLive(); });
  });
  document.getElementById('prev-page').addEventListener('click', () => {
    if (pager.cursors.length === 0) return;
    stopLive();
    pager.after = pager.cursors.pop();
    loadFrames();
  });
  document.getElementById('first-page').addEventListener('click', () => {
    stopLive();
    pager.cursors = [];
    pager.after = -1;
    loadFrames();
  });
}

function setupDelete() {
  const confirmBox = document.getElementById('delete-confirm');
  document.getElementById('delete').addEventListener('click', () => { confirmBox.hidden = false; });
  document.getElementById('delete-no').addEventListener('click', () => { confirmBox.hidden = true; });
  document.getElementById('delete-yes').addEventListener('click', async () => {
    try {
      await api(base, {method: 'DELETE'});
      location.assign('/');
    } catch (e) {
      confirmBox.hidden = true;
      showStatus(e.message, true);
    }
  });
}

document.addEventListener('DOMContentLoaded', () => {
  setupFrameControls();
  setupDelete();
  loadSession();
});
