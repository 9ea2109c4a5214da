'use strict';

async function loadSessions() {
  const tbody = document.querySelector('#sessions tbody');
  try {
    const sessions = await api('/api/sessions');
    clear(tbody);
    for (const s of sessions) {
      const link = el('a', {href: '/sessions/' + encodeURIComponent(s.id), class: 'session-link'}, s.name || s.id);
      tbody.append(el('tr', {'data-id': s.id},
          el('td', {}, el('input', {type: 'checkbox', class: 'diff-pick', value: s.id, 'aria-label': 'Pick for comparison', onchange: updateDiffButton})),
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

/** Two ticked sessions, oldest first, can be compared on the diff page. */
function pickedForDiff() {
  return [...document.querySelectorAll('input.diff-pick:checked')].map(c => c.value).reverse();
}

function updateDiffButton() {
  document.getElementById('diff-selected').disabled = pickedForDiff().length !== 2;
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('diff-selected').addEventListener('click', () => {
    const [a, b] = pickedForDiff();
    location.href = '/diff?a=' + encodeURIComponent(a) + '&b=' + encodeURIComponent(b);
  });
  loadSessions();
});
