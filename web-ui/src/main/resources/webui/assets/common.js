'use strict';
// Shared helpers. Captured text is untrusted (chat messages!): it only ever enters the DOM as text nodes,
// never through innerHTML, and never as a link target or an attribute that the browser would interpret.

// A JWT by structure: its header is a JSON object, so its base64url starts 'ey' ('{"' or '{ ') or 'ew' ('{' + newline).
const JWT = /\be[yw][A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const secrets = new WeakMap();
// The API masks secrets itself until the user chooses Reveal; the choice lasts for this tab, and the page reloads
// with ?secrets=true on every API call so what it shows comes unmasked from the server.
const REVEAL_KEY = 'kosmi-recorder.reveal';
let tokensRevealed = sessionStorage.getItem(REVEAL_KEY) === 'true';

/** Builds an element; strings among the children become text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function clear(e) {
  while (e.firstChild) e.removeChild(e.firstChild);
  return e;
}

/** Text with every JWT replaced by a masked span that shows the token only while tokens are revealed. */
function masked(text) {
  const frag = document.createDocumentFragment();
  if (text === null || text === undefined) return frag;
  const s = String(text);
  let last = 0;
  for (const m of s.matchAll(JWT)) {
    if (m.index > last) frag.append(document.createTextNode(s.substring(last, m.index)));
    const span = el('span', {class: 'secret', title: 'A token: use "Reveal tokens" to show it'});
    secrets.set(span, m[0]);
    showSecret(span);
    frag.append(span);
    last = m.index + m[0].length;
  }
  if (last < s.length) frag.append(document.createTextNode(s.substring(last)));
  return frag;
}

function showSecret(span) {
  const token = secrets.get(span);
  span.textContent = tokensRevealed ? token : token.substring(0, 6) + '…[token hidden]';
  span.classList.toggle('revealed', tokensRevealed);
}

function setupRevealButton() {
  const button = document.getElementById('reveal-tokens');
  if (!button) return;
  button.textContent = tokensRevealed ? 'Hide tokens' : 'Reveal tokens';
  button.addEventListener('click', () => {
    sessionStorage.setItem(REVEAL_KEY, String(!tokensRevealed));
    location.reload();
  });
}

/** Fetches JSON from the API; a failed request throws with the server's one-sentence error. */
async function api(path, options) {
  if (tokensRevealed) path += (path.includes('?') ? '&' : '?') + 'secrets=true';
  const response = await fetch(path, Object.assign({headers: {'Accept': 'application/json'}}, options || {}));
  if (response.status === 204) return null;
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    throw new Error((body && body.error) || ('HTTP ' + response.status + ' from ' + path));
  }
  return body;
}

function showStatus(message, isError) {
  const p = document.getElementById('status');
  if (!p) return;
  p.textContent = message || '';
  p.hidden = !message;
  p.classList.toggle('error', !!isError);
}

function formatDuration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  const m = Math.floor(ms / 60000);
  return m + ' min ' + String(Math.floor(ms / 1000) % 60).padStart(2, '0') + ' s';
}

function formatInstant(iso) {
  return iso ? iso.replace('T', ' ').replace('Z', '') : '–';
}

/** A two-column table of headers; names and values as text, tokens masked. */
function headersTable(headers, cls) {
  const tbody = el('tbody');
  for (const [name, value] of headers) {
    tbody.append(el('tr', {}, el('th', {text: name}), el('td', {}, masked(value))));
  }
  if (headers.length === 0) tbody.append(el('tr', {}, el('td', {colspan: 2, class: 'muted', text: '(none)'})));
  return el('table', {class: 'grid headers ' + (cls || '')}, tbody);
}

/** A payload view: pretty JSON or text in a pre, or hex and base64 for binary. */
function payloadView(p) {
  const box = el('div', {class: 'body'});
  if (!p || p.size === 0) {
    box.append(el('p', {class: 'muted', text: '(empty)'}));
    return box;
  }
  if (p.encoding === 'text') {
    box.append(el('pre', {class: 'payload'}, masked(p.pretty !== undefined ? p.pretty : p.text)));
  } else {
    box.append(el('h4', {text: 'Hex'}), el('pre', {class: 'payload', text: p.hex}),
        el('h4', {text: 'Base64'}), el('pre', {class: 'payload wrap', text: p.base64}));
  }
  if (p.truncated) box.append(el('p', {class: 'muted', text: 'Showing the first part of ' + p.size + ' bytes; export the session for all of it.'}));
  return box;
}

/** Decoded JWTs: claims and expiry (the claims are not the credential; the token itself stays masked). */
function jwtList(jwts) {
  const box = el('div', {class: 'jwts'});
  for (const jwt of jwts || []) {
    const expiry = jwt.expiresAt ? ('expires ' + formatInstant(jwt.expiresAt) + (jwt.expired ? ' (expired)' : '')) : 'no expiry';
    box.append(el('div', {class: 'jwt'},
        el('h4', {}, 'JWT ', el('span', {class: jwt.expired ? 'expired' : 'valid', text: expiry})),
        el('pre', {class: 'payload', text: JSON.stringify(jwt.claims, null, 2)})));
  }
  return box;
}

document.addEventListener('DOMContentLoaded', setupRevealButton);
