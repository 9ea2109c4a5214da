'use strict';

const sessionId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
const base = '/api/sessions/' + encodeURIComponent(sessionId);
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
    // A click anywhere in the bucket's column, not only on its bars (often a pixel high), jumps to its frames.
    const bucket = svg('g', {class: 'bucket', 'data-t': b.t});
    const hit = svg('rect', {x: x(b.t), y: 0, width: 2 * barWidth, height: height, class: 'hit'});
    const sent = svg('rect', {x: x(b.t), y: height - hs, width: barWidth, height: hs, class: 'sent'});
    const received = svg('rect', {x: x(b.t) + barWidth, y: height - hr, width: barWidth, height: hr, class: 'received'});
    const tip = svg('title', {});
    tip.textContent = `${b.t}s: ${b.sent} sent/s, ${b.received} received/s (click to show these frames)`;
    bucket.append(tip, hit, sent, received);
    bucket.addEventListener('click', () => jumpToTime(b.t * 1000));
    chart.append(bucket);
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

/** Live view of a recording: server-sent events, or polling the frame API when the stream fails. */
function startLive() {
  const status = document.getElementById('live-status');
  status.hidden = false;
  status.className = 'live';
  status.textContent = 'Recording in progress: new frames appear below as they arrive.';
  if (frameTable.next >= 0 || hasFilters()) {
    status.textContent = 'Recording in progress: go to the last page without filters to watch new frames arrive.';
    return;
  }
  if (live) return;
  const onFrames = frames => {
    appendLiveFrames(frames);
    document.getElementById('page-info').textContent = 'Live: ' + frameTable.frames.length + ' frames shown, newest ' + lastShownSeq();
  };
  const onEnd = state => {
    stopLive();
    status.className = 'ended';
    status.textContent = 'The recording has ended (' + state + ').';
  };
  if (window.EventSource) {
    const source = new EventSource(base + '/live?after=' + lastShownSeq());
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
      const page = await api(base + '/frames?after=' + lastShownSeq() + '&limit=200');
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
