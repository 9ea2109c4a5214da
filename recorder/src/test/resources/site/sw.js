// A service worker that opens its own graphql-ws socket when the page asks: service workers are not children of
// the page's target, so only a browser-level auto-attach sees this socket.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  const client = event.source;
  const ws = new WebSocket(event.data, 'graphql-ws');
  ws.onopen = () => ws.send(JSON.stringify({type: 'connection_init', payload: {from: 'service worker'}}));
  ws.onmessage = (m) => {
    const message = JSON.parse(m.data);
    if (message.type === 'connection_ack') {
      ws.send(JSON.stringify({id: 's1', type: 'start', payload: {operationName: 'ServiceWorkerQuery', query: 'query ServiceWorkerQuery { x }', variables: {}}}));
    } else if (message.type === 'complete') {
      ws.send(JSON.stringify({type: 'connection_terminate'}));
      ws.close(1000);
    }
  };
  ws.onclose = () => client.postMessage('done');
  ws.onerror = () => client.postMessage('service worker socket error');
});
