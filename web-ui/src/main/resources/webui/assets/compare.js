'use strict';

let sessionsCache = [];

async function fillSessions(select, chosen) {
  clear(select);
  for (const s of sessionsCache) {
    select.append(el('option', {value: s.id, selected: s.id === chosen}, (s.name || s.id) + ' · ' + s.kind + ' · ' + formatInstant(s.startedAt)));
  }
}

async function fillConnections(select, sessionId, chosen) {
  clear(select);
  if (!sessionId) return;
  const connections = await api('/api/sessions/' + encodeURIComponent(sessionId) + '/connections');
  for (const c of connections) {
    select.append(el('option', {value: String(c.id), selected: String(c.id) === chosen},
        'connection ' + c.id + ' · ' + (c.status || 'no answer') + (c.rejected ? ' refused' : '')));
  }
}

function parseRef(ref) {
  if (!ref) return [null, null];
  const i = ref.lastIndexOf(':');
  return i > 0 ? [ref.substring(0, i), ref.substring(i + 1)] : [ref, null];
}

async function setupSide(side, ref) {
  const [sid, cid] = parseRef(ref);
  const sessionSelect = document.getElementById(side + '-session');
  const connectionSelect = document.getElementById(side + '-connection');
  await fillSessions(sessionSelect, sid || (sessionsCache[0] && sessionsCache[0].id));
  await fillConnections(connectionSelect, sessionSelect.value, cid);
  if (!cid && connectionSelect.options.length > 0) connectionSelect.selectedIndex = 0;
  sessionSelect.addEventListener('change', () => fillConnections(connectionSelect, sessionSelect.value, null));
}

function ref(side) {
  return document.getElementById(side + '-session').value + ':' + document.getElementById(side + '-connection').value;
}

function diffRows(tbodySelector, rows) {
  const tbody = clear(document.querySelector(tbodySelector));
  for (const r of rows) {
    const state = r.state === 'same' ? 'same' : (r.varies ? 'varies' : (r.state === 'differs' ? 'differs' : 'missing'));
    const cell = v => v === null || v === undefined ? el('td', {class: 'absent', text: '(missing)'}) : el('td', {}, masked(v));
    tbody.append(el('tr', {class: state, 'data-name': r.name, 'data-state': r.state}, el('th', {text: r.name}), cell(r.a), cell(r.b)));
  }
  if (rows.length === 0) tbody.append(el('tr', {}, el('td', {colspan: 3, class: 'muted', text: '(none on either side)'})));
}

async function compare() {
  const a = ref('a'), b = ref('b');
  if (a.endsWith(':') || b.endsWith(':')) {
    showStatus('Pick a connection on both sides; a session without WebSocket connections has nothing to compare.', true);
    return;
  }
  let diff;
  try {
    diff = await api('/api/compare?a=' + encodeURIComponent(a) + '&b=' + encodeURIComponent(b));
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  showStatus('');
  history.replaceState(null, '', '/compare?a=' + encodeURIComponent(a) + '&b=' + encodeURIComponent(b));
  document.getElementById('summary-a').textContent = 'A: ' + (diff.a.sessionName || diff.a.sessionId) + ' #' + diff.a.connectionId;
  document.getElementById('summary-b').textContent = 'B: ' + (diff.b.sessionName || diff.b.sessionId) + ' #' + diff.b.connectionId;
  diffRows('#summary tbody', diff.summary);
  diffRows('#request-headers tbody', diff.requestHeaders);
  diffRows('#response-headers tbody', diff.responseHeaders);
  diffRows('#connection-init tbody', diff.connectionInit);
  document.getElementById('result').hidden = false;
}

async function firstConnection(sessionId) {
  const connections = await api('/api/sessions/' + encodeURIComponent(sessionId) + '/connections');
  return connections.length > 0 ? sessionId + ':' + connections[0].id : null;
}

/**
 * A connection to put beside A when the address names only A (or nothing): never A itself. First a session of
 * another kind (a mock's audit of a client beside a browser's recording, or the reverse), newest first; then
 * another connection of A's session; then any other session's.
 */
async function otherThan(aRef) {
  const [aSession, aConnection] = parseRef(aRef);
  const aKind = (sessionsCache.find(s => s.id === aSession) || {}).kind;
  const others = sessionsCache.filter(s => s.id !== aSession && s.connections > 0);
  for (const s of others.filter(x => x.kind !== aKind)) {
    const r = await firstConnection(s.id);
    if (r) return r;
  }
  if (aSession) {
    const own = await api('/api/sessions/' + encodeURIComponent(aSession) + '/connections');
    const other = own.find(c => String(c.id) !== aConnection);
    if (other) return aSession + ':' + other.id;
  }
  for (const s of others.filter(x => x.kind === aKind)) {
    const r = await firstConnection(s.id);
    if (r) return r;
  }
  return null;
}

document.addEventListener('DOMContentLoaded', async () => {
  const params = new URLSearchParams(location.search);
  try {
    sessionsCache = await api('/api/sessions');
    let a = params.get('a');
    if (!a) {
      const withConnections = sessionsCache.find(s => s.connections > 0);
      a = withConnections ? await firstConnection(withConnections.id) : null;
    }
    const b = params.get('b') || (a ? await otherThan(a) : null);
    await setupSide('a', a);
    await setupSide('b', b);
    if (a && !b) showStatus('The store holds only this one connection: there is nothing else to compare it with yet.', true);
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  document.getElementById('pick').addEventListener('submit', e => { e.preventDefault(); compare(); });
  if (params.get('a') && params.get('b')) compare();
});
