/**
 * A small static file server for the built site (dist/), on 127.0.0.1, honouring the base path:
 * `/base/x/` serves dist/x/index.html, anything outside the base is a 404, like on a real host.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  /** Origin plus base path, with a trailing slash: `http://127.0.0.1:PORT/base/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Resolves a request path to a file in `root`, or undefined (never outside `root`). */
export function resolveRequest(root: string, base: string, urlPath: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return undefined;
  }
  const prefix = base === '/' ? '' : base;
  if (prefix && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return undefined;
  const rel = pathname.slice(prefix.length) || '/';
  const abs = path.join(root, rel);
  if (abs !== root && !abs.startsWith(`${root}${path.sep}`)) return undefined;
  if (existsSync(abs) && statSync(abs).isDirectory()) {
    const index = path.join(abs, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return existsSync(abs) ? abs : undefined;
}

export async function startStaticServer(root: string, base: string): Promise<StaticServer> {
  const absRoot = path.resolve(root);
  const server: Server = createServer((req, res) => {
    const file = resolveRequest(absRoot, base, req.url ?? '/');
    if (!file) {
      const notFound = path.join(absRoot, '404.html');
      res.writeHead(404, { 'Content-Type': TYPES['.html']! });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${base === '/' ? '/' : `${base}/`}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
