'use strict';

async function loadSessions() {
  const tbody = document.querySelector('#sessions tbody');
  try {
    const sessions = await api('/api/sessions');
    clear(tbody);
    for (const s of sessions) {
      const link = el('a', {href: '/sessions/' + encodeURIComponent(s.id), class: 'session-link'}, s.name || s.id);
      tbody.append(el('tr', {'data-id': s.id},
          el('td', {}, link),
          el('td', {text: s.kind}),
          el('td', {class: 'target'}, masked(s.target)),
          el('td', {text: formatInstant(s.startedAt)}),
          el('td', {text: formatDuration(s.durationMillis)}),
          el('td', {class: 'num', text: s.frames}),
          el('td', {}, el('span', {class: 'status ' + s.status, text: s.status}))));
    }
    showStatus(sessions.length === 0 ? 'No sessions yet. Record one with "kosmi-recorder record @ROOM" or import a fixture.' : '');
  } catch (e) {
    showStatus(e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', loadSessions);
