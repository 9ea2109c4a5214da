'use strict';
// The diff page: /diff?a=ID&b=ID[&ignore=PATH...]. Every path, name and value in a report is captured text
// (field names come from the traffic), so it only enters the DOM through el()/text nodes.

function fillSessions(select, sessions, chosen) {
  clear(select);
  for (const s of sessions) {
    select.append(el('option', {value: s.id, selected: s.id === chosen}, (s.name || s.id) + ' · ' + s.kind + ' · ' + formatInstant(s.startedAt)));
  }
}

function gap(side) {
  if (!side) return '–';
  const ms = side.medianGapMillis;
  if (ms === null || ms === undefined) return '–';
  return ms >= 1000 ? (ms / 1000).toFixed(1) + ' s' : ms.toFixed(1) + ' ms';
}

function frames(side) {
  return side ? String(side.sent + side.received) : '–';
}

function cell(value, cls) {
  return value === null || value === undefined
      ? el('td', {class: 'absent ' + (cls || ''), text: '(none)'})
      : el('td', {class: cls || ''}, masked(value));
}

function show(report) {
  document.getElementById('sides').textContent =
      'A: ' + report.a.label + ' (' + report.a.frames + ' frames) · B: ' + report.b.label + ' (' + report.b.frames + ' frames)';
  const verdict = document.getElementById('verdict');
  verdict.className = report.identical ? 'same' : 'differ';
  verdict.textContent = (report.identical ? 'No changes.' : report.changeCount + (report.changeCount === 1 ? ' change.' : ' changes.'))
      + (report.ignoredCount > 0 ? ' ' + report.ignoredCount + ' more left out by the ignored paths.' : '');
  const changes = clear(document.querySelector('#changes tbody'));
  for (const c of report.changes) {
    changes.append(el('tr', {class: c.kind, 'data-path': c.path, 'data-kind': c.kind},
        el('td', {text: c.section}),
        el('td', {class: 'kind', text: c.kind}),
        el('td', {class: 'path', text: c.path}),
        cell(c.before, 'value'),
        cell(c.after, 'value')));
  }
  if (report.changes.length === 0) {
    changes.append(el('tr', {}, el('td', {colspan: 5, class: 'muted', text: 'The two sessions agree.'})));
  }
  const traffic = clear(document.querySelector('#traffic tbody'));
  for (const op of report.operations) {
    traffic.append(el('tr', {'data-name': op.name},
        el('th', {text: op.name}),
        el('td', {class: 'num', text: frames(op.a)}),
        el('td', {class: 'num', text: frames(op.b)}),
        el('td', {class: 'num', text: gap(op.a)}),
        el('td', {class: 'num', text: gap(op.b)})));
  }
  document.getElementById('result').hidden = false;
}

async function run() {
  const a = document.getElementById('a').value;
  const b = document.getElementById('b').value;
  const ignore = document.getElementById('ignore').value.split(/\s+/).filter(p => p.length > 0);
  if (!a || !b) {
    showStatus('Pick a session on both sides.', true);
    return;
  }
  const query = new URLSearchParams({a, b});
  ignore.forEach(p => query.append('ignore', p));
  showStatus('Comparing… (a long session takes a few seconds)');
  let report;
  try {
    report = await api('/api/diff?' + query.toString());
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  showStatus('');
  history.replaceState(null, '', '/diff?' + query.toString());
  show(report);
}

document.addEventListener('DOMContentLoaded', async () => {
  const params = new URLSearchParams(location.search);
  let sessions;
  try {
    sessions = await api('/api/sessions');
  } catch (e) {
    showStatus(e.message, true);
    return;
  }
  fillSessions(document.getElementById('a'), sessions, params.get('a') || (sessions[1] && sessions[1].id));
  fillSessions(document.getElementById('b'), sessions, params.get('b') || (sessions[0] && sessions[0].id));
  document.getElementById('ignore').value = params.getAll('ignore').join(' ');
  document.getElementById('pick').addEventListener('submit', e => { e.preventDefault(); run(); });
  if (params.get('a') && params.get('b')) run();
});
