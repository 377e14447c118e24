// A stand-in for ClamAV's daemon (clamd) for the end-to-end tests: it speaks clamd's INSTREAM
// protocol over TCP (`zINSTREAM\0`, then chunks of <u32 big-endian length><bytes>, ended by a
// zero length) and answers `stream: OK\0`, or `stream: Eicar-Test-Signature FOUND\0` when the
// stream contains the EICAR test string (the industry's harmless "virus" for testing
// scanners). Loket runs with LOKET_CLAMAV=tcp://127.0.0.1:<port> pointing here, so its real
// scanning code path runs in every upload test.
//
//   node support/clamd-stub.mjs <port>
import net from 'node:net';

const port = Number(process.argv[2]);
const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1');
const COMMAND = Buffer.from('zINSTREAM\0', 'latin1');

net.createServer((socket) => {
  let buffer = Buffer.alloc(0);
  let commandSeen = false;
  // Keeps the tail of the previous chunk, so a signature split over two chunks is found too.
  let tail = Buffer.alloc(0);
  let infected = false;
  socket.on('data', (data) => {
    buffer = Buffer.concat([buffer, data]);
    if (!commandSeen) {
      if (buffer.length < COMMAND.length) return;
      if (!buffer.subarray(0, COMMAND.length).equals(COMMAND)) {
        socket.end('UNKNOWN COMMAND\0');
        return;
      }
      commandSeen = true;
      buffer = buffer.subarray(COMMAND.length);
    }
    while (buffer.length >= 4) {
      const length = buffer.readUInt32BE(0);
      if (length === 0) {
        socket.end(infected ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
        return;
      }
      if (buffer.length < 4 + length) return;
      const chunk = Buffer.concat([tail, buffer.subarray(4, 4 + length)]);
      if (chunk.includes(EICAR)) infected = true;
      tail = chunk.subarray(Math.max(0, chunk.length - EICAR.length));
      buffer = buffer.subarray(4 + length);
    }
  });
  socket.on('error', () => {});
}).listen(port, '127.0.0.1');
