// A Node `ws` client (which offers permessage-deflate) for CompressionTest:
//   node deflate-echo.js <url> <messageBytes> <messages> [no-context]
// Prints the server's Sec-WebSocket-Extensions, then one line per echoed message, then the close.
const WebSocket = require('ws');

const [url, sizeArg, countArg, mode] = process.argv.slice(2);
const size = Number(sizeArg);
const count = Number(countArg);
const noContext = mode === 'no-context';

// A chat-like text: compressible, but not one byte repeated (a seeded generator, the same each run).
function message(n, seed) {
  const words = ['alice', 'bob', 'says', 'hello', 'room', 'the', 'message', 'time', '{"type":"say"}', 'ok'];
  let x = seed * 2654435761 % 4294967296;
  const parts = [];
  let length = 0;
  while (length < n) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const word = words[x % words.length] + (x % 7 === 0 ? String(x % 1000) : '') + ' ';
    parts.push(word);
    length += word.length;
  }
  return parts.join('').slice(0, n);
}

const ws = new WebSocket(url, {
  perMessageDeflate: { threshold: 0, clientNoContextTakeover: noContext, serverNoContextTakeover: noContext },
  maxPayload: 64 * 1024 * 1024,
});
ws.on('upgrade', (response) => {
  console.log('extensions: ' + (response.headers['sec-websocket-extensions'] || 'none'));
});
let sent = 0;
let expected = null;
function next() {
  expected = message(size, sent + 1);
  sent++;
  ws.send(expected);
}
ws.on('open', next);
ws.on('message', (data, isBinary) => {
  const text = data.toString('utf8');
  console.log('echo ' + (text === expected ? 'intact' : 'CORRUPT') + ' ' + text.length);
  if (sent < count) {
    next();
  } else {
    ws.close(1000, 'done');
  }
});
ws.on('close', (code) => {
  console.log('close ' + code);
  process.exit(0);
});
ws.on('error', (error) => {
  console.log('error ' + error.message);
  process.exit(2);
});
setTimeout(() => { console.log('timeout'); process.exit(3); }, 30000);
