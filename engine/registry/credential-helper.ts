import { spawn } from 'node:child_process';

/** What a helper returns for `get`. Username "<token>" means Secret is an identity token. */
export interface HelperCredentials {
  ServerURL?: string;
  Username: string;
  Secret: string;
}

export const TOKEN_USERNAME = '<token>';
const NOT_FOUND = 'credentials not found in native keychain';
const MAX_OUTPUT = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/** Thrown when the helper says it has no credentials for the server. */
export class CredentialsNotFoundError extends Error {
  constructor(server: string) {
    super(`No credentials stored for ${server}`);
    this.name = 'CredentialsNotFoundError';
  }
}

/**
 * A `docker-credential-<name>` program, driven with the documented protocol: the action is the only
 * argument, input goes to stdin, output (JSON, or the error text) comes on stdout.
 */
export class CredentialHelper {
  constructor(
    readonly name: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`Invalid credential helper name "${name}"`);
  }

  get program(): string {
    return `docker-credential-${this.name}`;
  }

  async get(serverUrl: string): Promise<HelperCredentials> {
    const out = await this.run('get', serverUrl, serverUrl);
    let parsed: unknown;
    try {
      parsed = JSON.parse(out);
    } catch {
      throw new Error(`${this.program} returned output that is not JSON`);
    }
    const c = parsed as Partial<HelperCredentials>;
    if (!c || typeof c.Username !== 'string' || typeof c.Secret !== 'string') throw new Error(`${this.program} returned credentials without Username/Secret`);
    return { ServerURL: typeof c.ServerURL === 'string' ? c.ServerURL : serverUrl, Username: c.Username, Secret: c.Secret };
  }

  async store(creds: { ServerURL: string; Username: string; Secret: string }): Promise<void> {
    await this.run('store', JSON.stringify(creds), creds.ServerURL);
  }

  async erase(serverUrl: string): Promise<void> {
    await this.run('erase', serverUrl, serverUrl);
  }

  /** Server URL → user name, for every credential the helper holds. */
  async list(): Promise<Record<string, string>> {
    const out = await this.run('list', '', '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(out || '{}');
    } catch {
      throw new Error(`${this.program} list returned output that is not JSON`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${this.program} list returned an unexpected value`);
    const result: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (typeof v === 'string') result[k] = v;
    return result;
  }

  private run(action: 'get' | 'store' | 'erase' | 'list', input: string, server: string): Promise<string> {
    return new Promise((resolvePromise, reject) => {
      let child;
      try {
        child = spawn(this.program, [action], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (err) {
        reject(new Error(`Cannot run ${this.program}: ${(err as Error).message}`));
        return;
      }
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() => reject(new Error(`${this.program} ${action} did not answer within ${Math.round(this.timeoutMs / 1000)} s`)));
      }, this.timeoutMs);
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_OUTPUT) {
          child.kill('SIGKILL');
          finish(() => reject(new Error(`${this.program} ${action} wrote too much output`)));
          return;
        }
        into.push(chunk);
      };
      child.stdout.on('data', collect(out));
      child.stderr.on('data', collect(errOut));
      child.on('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'ENOENT' ? `${this.program} was not found on PATH (it is configured in the Docker config)` : `Cannot run ${this.program}: ${err.message}`;
        finish(() => reject(new Error(why)));
      });
      child.on('close', (code) => {
        const stdout = Buffer.concat(out).toString('utf8').trim();
        if (code === 0) {
          finish(() => resolvePromise(stdout));
          return;
        }
        const text = stdout || Buffer.concat(errOut).toString('utf8').trim();
        if (text.includes(NOT_FOUND)) {
          finish(() => reject(new CredentialsNotFoundError(server)));
          return;
        }
        finish(() => reject(new Error(`${this.program} ${action} failed${text ? `: ${text.slice(0, 300)}` : ` (exit code ${String(code)})`}`)));
      });
      child.stdin.on('error', () => {
        // the helper may exit without reading stdin; its exit code tells what happened
      });
      child.stdin.end(input);
    });
  }
}
