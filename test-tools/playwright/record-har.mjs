// Records a HAR with Playwright's own recorder (recordHar) while a page talks to the Kosmi mock: a GET, a POST /,
// and a graphql-ws conversation. A .zip path makes Playwright attach bodies and WebSocket messages as files.
// Usage: node record-har.mjs MOCK_HTTP_URL MOCK_WS_URL HAR_PATH
// Prints what the page sent and received over the WebSocket, as JSON, for the test to compare with the import.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

const [mockUrl, wsUrl, harPath] = process.argv.slice(2);
if (!harPath) {
  console.error('usage: node record-har.mjs MOCK_HTTP_URL MOCK_WS_URL HAR_PATH');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM
  || ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const browser = await chromium.launch({
  executablePath,
  // Chromium refuses to run as root with its sandbox on (CI runs as root).
  args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
});
try {
  const context = await browser.newContext({ recordHar: { path: harPath } });
  const page = await context.newPage();
  // A same-origin page, so the POST below needs no CORS preflight.
  await page.goto(new URL('/__admin/health', mockUrl).toString());
  const log = await page.evaluate(async (ws) => {
    const login = await fetch('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationName: 'AnonLogin', query: 'mutation AnonLogin { anonLogin { token } }', variables: {} }),
    });
    await login.json();
    return await new Promise((resolve, reject) => {
      const socket = new WebSocket(ws, 'graphql-ws');
      const sent = [];
      const received = [];
      let results = 0;
      const send = (message) => {
        const text = JSON.stringify(message);
        sent.push(text);
        socket.send(text);
      };
      socket.onopen = () => send({ type: 'connection_init', payload: {} });
      socket.onmessage = (event) => {
        received.push(event.data);
        const m = JSON.parse(event.data);
        if (m.type === 'connection_ack') {
          send({ type: 'start', id: '1', payload: {
            operationName: 'NewMessageSubscription',
            query: 'subscription NewMessageSubscription($roomId: String!, $channelId: String!) { newMessage(roomId: $roomId, channelId: $channelId) { id body } }',
            variables: { roomId: 'lobby', channelId: 'general' },
          } });
        } else if (m.type === 'data' && m.id === '1' && ++results === 3) {
          send({ type: 'stop', id: '1' });
        } else if (m.type === 'complete' && m.id === '1') {
          socket.close(1000, 'done');
        }
      };
      socket.onclose = () => resolve({ sent, received });
      socket.onerror = () => reject(new Error('WebSocket error'));
    });
  }, wsUrl);
  // Closing the context is what writes the HAR (and zips it).
  await context.close();
  console.log(JSON.stringify(log));
} finally {
  await browser.close();
}
