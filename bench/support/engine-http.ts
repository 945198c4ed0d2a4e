import { request } from 'node:http';

/** Raw Docker Engine API over its unix socket: the baseline the benchmarks compare Berth against. */
export function socketPathFromEnv(): string {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://')) throw new Error(`The benchmarks need a unix-socket DOCKER_HOST, got ${host}`);
  return host.slice('unix://'.length);
}

export function engineRequest(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const socketPath = socketPathFromEnv();
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      { socketPath, method, path, headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Follow /events, calling onEvent for each parsed event; returns a function that stops it. */
export function followEvents(filters: Record<string, string[]>, onEvent: (e: { Type: string; Action: string; id: string; timeNano: number; Actor: { Attributes: Record<string, string> } }) => void): () => void {
  const socketPath = socketPathFromEnv();
  const req = request({ socketPath, path: `/events?filters=${encodeURIComponent(JSON.stringify(filters))}` }, (res) => {
    const decoder = new TextDecoder();
    let buf = '';
    res.on('data', (c: Buffer) => {
      buf += decoder.decode(c, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          onEvent(JSON.parse(line));
        } catch {
          /* a bad line is skipped */
        }
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return () => req.destroy();
}
