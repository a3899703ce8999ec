// Echo round trips of 1 KiB JSON chat messages with Node's ws, permessage-deflate on or off:
//   node deflate-bench.js <url> on|off <seconds> <maxRoundTrips>
// Prints one JSON line: round trips, round trips per second, bytes on the wire per message.
const WebSocket = require('ws');

const [url, deflate, secondsArg, maxArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const max = Number(maxArg);
const words = ['hello', 'everyone', 'the', 'meeting', 'starts', 'at', 'noon', 'bring', 'coffee', 'and', 'your',
  'notes', 'we', 'will', 'talk', 'about', 'the', 'release', 'plan', 'tests', 'benchmarks', 'deploy', 'friday'];
let seed = 7;
function chat(i) {
  let text = '';
  while (text.length < 930) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    text += words[seed % words.length] + ' ';
  }
  const body = JSON.stringify({ type: 'message', user: 'user' + (i % 50), text: text.slice(0, 930),
    time: new Date(1764400000000 + i * 1000).toISOString() });
  return body.padEnd(1024, ' ');
}

const ws = new WebSocket(url, { perMessageDeflate: deflate === 'on' ? { threshold: 0 } : false });
let count = 0;
let start;
let wireAtOpen;
let negotiated;
function wire() {
  return ws._socket.bytesWritten + ws._socket.bytesRead;
}
ws.on('upgrade', (response) => { negotiated = response.headers['sec-websocket-extensions'] || 'none'; });
ws.on('open', () => {
  start = process.hrtime.bigint();
  wireAtOpen = wire();
  ws.send(chat(0));
});
ws.on('message', () => {
  count++;
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (elapsed < seconds && count < max) {
    ws.send(chat(count));
    return;
  }
  const bytes = wire() - wireAtOpen;
  console.log(JSON.stringify({ deflate, negotiated, messageBytes: 1024, roundTrips: count,
    seconds: Number(elapsed.toFixed(2)), roundTripsPerSecond: Math.round(count / elapsed),
    wireBytesPerMessage: Math.round(bytes / (2 * count)) }));
  ws.terminate();
  process.exit(0);
});
ws.on('error', (error) => { console.log(JSON.stringify({ error: error.message })); process.exit(2); });
setTimeout(() => { console.log(JSON.stringify({ error: 'timeout' })); process.exit(3); }, (seconds + 20) * 1000);
