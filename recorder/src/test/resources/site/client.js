// The test page's client: a small graphql-ws (subscriptions-transport-ws) conversation per mode.
async function fetchToken(api) {
  const response = await fetch(api, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({operationName: 'AnonLogin', query: 'mutation AnonLogin { anonLogin { token } }', variables: {}})
  });
  const answer = await response.json();
  return answer.data.anonLogin.token;
}

function converse(wsUrl, token, onAck, onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, 'graphql-ws');
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => ws.send(JSON.stringify({type: 'connection_init', payload: {token: token}}));
    ws.onerror = () => reject(new Error('socket error'));
    ws.onclose = () => resolve();
    const finish = () => {
      ws.send(JSON.stringify({type: 'connection_terminate'}));
      ws.close(1000);
    };
    ws.onmessage = (m) => {
      if (typeof m.data === 'string') {
        const message = JSON.parse(m.data);
        if (message.type === 'connection_ack') {
          onAck(ws, finish);
          return;
        }
      }
      onMessage(ws, m.data, finish);
    };
  });
}

function start(ws, id, operationName, variables) {
  ws.send(JSON.stringify({id: id, type: 'start',
    payload: {operationName: operationName, query: 'query ' + operationName + ' { x }', variables: variables || {}}}));
}

async function runMode(mode, api, wsUrl, params) {
  if (mode === 'worker') {
    await new Promise((resolve, reject) => {
      const worker = new Worker('/worker.js');
      worker.onmessage = (e) => e.data === 'done' ? resolve() : reject(new Error(e.data));
      worker.postMessage(wsUrl);
    });
    return;
  }
  if (mode === 'serviceworker') {
    const registration = await navigator.serviceWorker.register('/sw.js');
    const worker = registration.active || await new Promise((resolve) => {
      const pending = registration.installing || registration.waiting;
      pending.addEventListener('statechange', () => pending.state === 'activated' && resolve(pending));
    });
    await new Promise((resolve, reject) => {
      navigator.serviceWorker.onmessage = (e) => e.data === 'done' ? resolve() : reject(new Error(e.data));
      worker.postMessage(wsUrl);
    });
    return;
  }
  const token = await fetchToken(api);
  if (mode === 'login') {
    // A logged-in Kosmi page keeps its token in localStorage.
    localStorage.setItem('token', token);
    return;
  }
  if (mode === 'roundtrip') {
    const operations = ['ExtendedCurrentUserQuery', 'JoinRoom', 'RoomChatQuery'];
    let completed = 0;
    await converse(wsUrl, token, (ws) => {
      operations.forEach((op, i) => start(ws, String(i + 1), op, {roomId: '@test'}));
    }, (ws, data, finish) => {
      if (JSON.parse(data).type === 'complete' && ++completed === operations.length) {
        finish();
      }
    });
  } else if (mode === 'burst') {
    const count = Number(params.get('n') || 10000);
    await converse(wsUrl, token, (ws) => {
      for (let i = 1; i <= count; i++) {
        ws.send(JSON.stringify({type: 'client_burst', n: i}));
      }
      start(ws, 'b', 'Burst', {count: count});
    }, (ws, data, finish) => {
      if (JSON.parse(data).type === 'complete') {
        finish();
      }
    });
  } else if (mode === 'big') {
    const size = Number(params.get('size') || 5 * 1024 * 1024);
    let answers = 0;
    await converse(wsUrl, token, (ws) => {
      const bytes = new Uint8Array(256);
      for (let i = 0; i < 256; i++) {
        bytes[i] = i;
      }
      ws.send(bytes.buffer);
      ws.send(JSON.stringify({type: 'echo', payload: 'x'.repeat(size - 30) + 'é'}));
    }, (ws, data, finish) => {
      if (++answers === 2) {
        finish();
      }
    });
  } else {
    throw new Error('unknown mode ' + mode);
  }
}
