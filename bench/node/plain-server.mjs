// The baseline of the replay figures: a plain Node ws server (default options) that answers connection_init with the
// recorded ack and each start with the recorded frames for its id, verbatim, as fast as ws takes them.
// Usage: node plain-server.mjs CONVERSATION.json   (prints "PORT n" once listening on 127.0.0.1)
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const conversation = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/gql-ws', handleProtocols: () => 'graphql-ws' });
server.on('connection', socket => {
  socket.on('message', data => {
    let message;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (message.type === 'connection_init') {
      socket.send(conversation.ack);
    } else if (message.type === 'start') {
      for (const text of conversation.answers[message.id] ?? []) {
        socket.send(text);
      }
    } else if (message.type === 'connection_terminate') {
      socket.close(1000, 'connection_terminate');
    }
  });
});
server.on('listening', () => console.log('PORT ' + server.address().port));
