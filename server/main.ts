import { contract, createDispatcher } from '../contract/index.js';
import { createBackend, type Backend } from '../engine/backend.js';
import { parseServerArgs, USAGE, UsageError } from './cli-args.js';
import { startBerthServer, type BerthServer } from './http-server.js';
import { generateToken, readTokenFile, TokenFileError } from './token.js';
import { findUiDir } from './ui-dir.js';
import { DataDirError, prepareDataDir } from './data-dir.js';
import { createBerthLog } from '../engine/diagnostics/log-file.js';

/**
 * Browser mode's composition root: flags → token → back end → HTTP/WebSocket server. Prints exactly one
 * line to stdout once it listens (the address to open); everything else goes to stderr.
 */
const log = (line: string) => process.stderr.write(`berth: ${line}\n`);

function fail(message: string, code: number, usage = false): never {
  process.stderr.write(`berth: ${message}\n${usage ? `\n${USAGE}\n` : ''}`);
  process.exit(code);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseServerArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) fail(err.message, 2, true);
    throw err;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  let token: string;
  try {
    token = args.tokenFile ? await readTokenFile(args.tokenFile) : generateToken();
  } catch (err) {
    if (err instanceof TokenFileError) fail(err.message, 2);
    throw err;
  }

  try {
    await prepareDataDir(args.dataDir);
  } catch (err) {
    if (err instanceof DataDirError) fail(err.message, 2);
    throw err;
  }

  // Every line also goes to <dataDir>/logs/berth.log (rotated), for the diagnostics bundle.
  const fileLog = createBerthLog(args.dataDir, log);
  const backend: Backend = createBackend({
    dataDir: args.dataDir,
    dockerHost: args.dockerHost,
    embedded: args.embedded,
    engine: args.engine,
    log: fileLog.log,
    secrets: () => [token],
  });
  let server: BerthServer;
  try {
    server = await startBerthServer({
      dispatcher: createDispatcher(contract, backend.impl),
      token,
      uiDir: findUiDir(import.meta.url),
      port: args.port,
      log: fileLog.log,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    await backend.dispose().catch(() => undefined);
    if (e.code === 'EADDRINUSE') fail(`port ${args.port} is already in use; pick another with --port, or --port 0 for any free one.`, 1);
    if (e.code === 'EACCES') fail(`not allowed to listen on port ${args.port}; pick a port above 1023.`, 1);
    throw err;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting for the engine to stop.`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: shutting down…`);
    try {
      await server.close();
      await backend.dispose();
      process.exit(0);
    } catch (err) {
      log(`shutdown failed: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  process.stdout.write(`Berth is ready at ${server.url}\n`);

  // The engine comes up in the background: the UI shows its state (engine.statusChanges) meanwhile.
  backend.start().catch((err: unknown) => log(`the Docker engine did not start: ${(err as Error).message}`));
}

main().catch((err: unknown) => {
  process.stderr.write(`berth: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
