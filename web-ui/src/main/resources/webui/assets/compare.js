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

document.addEventListener('DOMContentLoaded', async () => {
  const params = new URLSearchParams(location.search);
  try {
    sessionsCache = await api('/api/sessions');
    await setupSide('a', params.get('a'));
    await setupSide('b', params.get('b'));
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  document.getElementById('pick').addEventListener('submit', e => { e.preventDefault(); compare(); });
  if (params.get('a') && params.get('b')) compare();
});
