// A Node `ws` client for OversizedMessageCloseTest:
//   node oversized.js <url> <messageBytes> <runs>
// Sends one text message of messageBytes per connection, runs times one after another, and prints
// each connection's close code (1006: it ended without a close frame), then "done".
const WebSocket = require('ws');

const [url, sizeArg, runsArg] = process.argv.slice(2);
const payload = Buffer.alloc(Number(sizeArg), 'x');
const runs = Number(runsArg);

function run(n) {
  if (n === runs) {
    console.log('done');
    return;
  }
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on('open', () => ws.send(payload, { binary: false }));
  ws.on('error', () => {}); // an error is followed by close 1006, which is what is printed
  ws.on('close', (code) => {
    console.log('close ' + code);
    run(n + 1);
  });
}
run(0);
