import { Agent, request } from 'node:http';

/** A JSON answer and how long it took from sending the request to the last byte of the body. */
export interface JsonResponse {
  status: number;
  body: unknown;
  ms: number;
}

/**
 * A small HTTP/1.1 client over node:http with keep-alive (one socket per concurrent client, reused):
 * less overhead per request than fetch, which matters because the load generator shares the
 * machine's two cores with the server it measures.
 */
export function createHttpClient(baseUrl: string, maxSockets: number) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  function send(method: string, path: string, options: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {}): Promise<JsonResponse & { setCookie?: string[] }> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { accept: 'application/json', ...options.headers };
    if (payload !== undefined) { headers['content-type'] = 'application/json'; headers['content-length'] = Buffer.byteLength(payload); }
    if (options.cookie) headers['cookie'] = options.cookie;
    return new Promise((resolve, reject) => {
      const start = performance.now();
      const req = request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - start;
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try { body = text ? JSON.parse(text) : null; } catch { /* not JSON: kept as text for the error message */ }
          const setCookie = res.headers['set-cookie'];
          resolve({ status: res.statusCode ?? 0, body, ms, ...(setCookie ? { setCookie } : {}) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
  return {
    send,
    /** Signs in and returns the session cookie (`cf_session=…`). */
    async login(username: string, password: string): Promise<string> {
      const r = await send('POST', '/api/auth/login', { body: { username, password } });
      const cookie = r.setCookie?.map((c) => c.split(';')[0]!).find((c) => c.startsWith('cf_session='));
      if (r.status !== 200 || !cookie) throw new Error(`sign-in of ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return cookie;
    },
    close(): void {
      agent.destroy();
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
