// A dedicated worker that opens its own graphql-ws socket: the blind spot of non-flat CDP clients.
onmessage = (e) => {
  const ws = new WebSocket(e.data, 'graphql-ws');
  ws.onopen = () => ws.send(JSON.stringify({type: 'connection_init', payload: {from: 'worker'}}));
  ws.onmessage = (m) => {
    const message = JSON.parse(m.data);
    if (message.type === 'connection_ack') {
      ws.send(JSON.stringify({id: 'w1', type: 'start', payload: {operationName: 'WorkerQuery', query: 'query WorkerQuery { x }', variables: {}}}));
    } else if (message.type === 'complete') {
      ws.send(JSON.stringify({type: 'connection_terminate'}));
      ws.close(1000);
    }
  };
  ws.onclose = () => postMessage('done');
  ws.onerror = () => postMessage('worker socket error');
};
