// Clients as users run them: Node's ws with default options (so each offers permessage-deflate). Each connects with
// graphql-ws, sends connection_init, then fetches its pages in turn (a start, its data frames, its complete) and
// closes. Prints one JSON line: {"frames": data frames received in total, "seconds": wall time, "errors": clients
// that did not get every frame they asked for}.
// Usage: node clients.mjs WS_URL CLIENTS PAGES_PER_CLIENT CONVERSATION.json
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

const [url, clientsArg, pagesArg, file] = process.argv.slice(2);
const conversation = JSON.parse(readFileSync(file, 'utf8'));
const clients = Number(clientsArg);
const pages = Number(pagesArg);

function oneClient() {
  return new Promise(resolve => {
    const socket = new WebSocket(url, 'graphql-ws');
    let page = 0;
    let frames = 0;
    let done = false;
    const finish = ok => {
      if (!done) {
        done = true;
        resolve({ frames, ok });
      }
    };
    const timer = setTimeout(() => { socket.terminate(); finish(false); }, 300_000);
    socket.on('open', () => socket.send('{"type":"connection_init","payload":{}}'));
    socket.on('message', data => {
      const text = data.toString();
      if (text.includes('"connection_ack"')) {
        socket.send(conversation.starts[page % conversation.starts.length]);
      } else if (text.includes('"type":"data"')) {
        frames++;
      } else if (text.includes('"type":"complete"')) {
        page++;
        if (page < pages) {
          socket.send(conversation.starts[page % conversation.starts.length]);
        } else {
          clearTimeout(timer);
          socket.send('{"type":"connection_terminate"}');
          socket.close(1000, 'done');
          finish(frames === pages * conversation.messagesEach);
        }
      }
    });
    socket.on('error', () => { clearTimeout(timer); finish(false); });
    socket.on('close', () => { clearTimeout(timer); finish(page >= pages); });
  });
}

const started = process.hrtime.bigint();
const results = await Promise.all(Array.from({ length: clients }, oneClient));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({
  frames: results.reduce((sum, r) => sum + r.frames, 0),
  seconds,
  errors: results.filter(r => !r.ok).length,
}));
