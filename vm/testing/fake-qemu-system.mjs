// A stand-in for qemu-system-* in the QEMU driver's unit tests (its path holds "qemu-system", so the
// driver's pid checks take it for a QEMU). It answers `--version`, serves a minimal QMP socket, and plays
// one step of FAKE_QEMU_PLAN per start (counted in FAKE_QEMU_COUNT, a file), comma-separated:
//   panic-hang  print a kernel panic on the console and hang, as a TCG guest did in CI;
//   panic-exit  print a kernel panic and end (what panic=-1 with -no-reboot asks for);
//   exit        end with exit code 1 and no console output.
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const argv = process.argv.slice(2);
if (argv.includes('--version')) {
  console.log('QEMU emulator version 0.0 (fake)');
  process.exit(0);
}
const after = (flag) => argv[argv.indexOf(flag) + 1] ?? '';
const consoleLog = /path=([^,]+)/.exec(argv.find((a) => a.startsWith('file,id=console')) ?? '')?.[1];
const qmpSocket = /^unix:([^,]+)/.exec(after('-qmp'))?.[1];
const countFile = process.env.FAKE_QEMU_COUNT;
const n = countFile && existsSync(countFile) ? Number(readFileSync(countFile, 'utf8')) : 0;
if (countFile) writeFileSync(countFile, String(n + 1));
const step = (process.env.FAKE_QEMU_PLAN ?? 'exit').split(',')[n] ?? 'exit';

if (qmpSocket) rmSync(qmpSocket, { force: true });
const qmp = createServer((sock) => {
  sock.write('{"QMP": {"version": {}, "capabilities": []}}\n');
  let buf = '';
  sock.on('data', (chunk) => {
    buf += chunk.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      const msg = JSON.parse(line);
      sock.write(JSON.stringify({ return: {}, id: msg.id }) + '\n');
      if (msg.execute === 'quit') setTimeout(() => process.exit(0), 10);
    }
  });
  sock.on('error', () => undefined);
});
if (qmpSocket) qmp.listen(qmpSocket);

if (step === 'exit') process.exit(1);
setTimeout(() => {
  if (consoleLog) appendFileSync(consoleLog, '[    1.52] RIP: 0010:sched_clock_cpu+0x10/0x1b0\r\n[    1.53] Kernel panic - not syncing: Fatal exception in interrupt\r\n');
  if (step === 'panic-exit') setTimeout(() => process.exit(0), 100);
}, 300);
