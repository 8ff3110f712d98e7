export interface StartupBannerOptions {
  /** Where the server listens (as passed to listen) and the port it got. */
  host: string;
  port: number;
  /** Whether the studio is served at `/` (it has been built). */
  studioServed: boolean;
  /** Whether the demo org and users exist (outside production, or forced). */
  demoUsers: boolean;
  /** The demo users' password when it is the documented default; undefined when set by CIVICFLOW_DEMO_PASSWORD (never printed). */
  demoPassword: string | undefined;
  /** Likewise for the user `admin` (CIVICFLOW_ADMIN_PASSWORD). */
  adminPassword: string | undefined;
}

/** An address a browser on this machine can open for a listening host (a wildcard host is reached via loopback). */
export function browserUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * What `npm start` prints once the server listens: where to open the studio and how to sign in.
 * Passwords chosen through the environment are never echoed.
 */
export function startupBanner(options: StartupBannerOptions): string {
  const url = browserUrl(options.host, options.port);
  const lines = [
    '',
    `civicflow is ready — 已启动: ${url}/`,
    options.studioServed
      ? `  studio 工作台:  ${url}/`
      : '  studio 工作台:  not built — run `pnpm --filter @civicflow/studio run build` and restart (npm start does both)',
    `  API docs 接口: ${url}/api/docs`,
  ];
  if (options.demoUsers) {
    const pw = (value: string | undefined, variable: string) => value ?? `(${variable})`;
    lines.push(
      `  demo sign-in 演示账号: v_med / ${pw(options.demoPassword, 'CIVICFLOW_DEMO_PASSWORD')}  (青石村调解员, village mediator)`,
      `                        admin / ${pw(options.adminPassword, 'CIVICFLOW_ADMIN_PASSWORD')}  (管理员, administrator)`,
      '                        every demo user: packages/server/README.md',
    );
  }
  lines.push('');
  return lines.join('\n');
}
