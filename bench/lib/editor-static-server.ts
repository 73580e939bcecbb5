// The little HTTP server bench/editor starts: the built bench page, Label Studio's bundle and the image.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export interface BenchServerOptions {
  /** Vite's output for packages/web/bench-page.html. */
  builtDir: string;
  /** Label Studio's build/static folder, or null when it is not installed. */
  lsStaticDir: string | null;
  image: Buffer;
  /** The HTML of a page for `editor` with `n` boxes. */
  page(editor: 'ours' | 'ls', n: number): string;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json', '.map': 'application/json' };

/** Serves a file under `dir`, refusing paths that climb out of it. */
function sendFile(res: http.ServerResponse, dir: string, relative: string): void {
  const file = path.resolve(dir, `.${path.posix.normalize(`/${relative}`)}`);
  if (!file.startsWith(path.resolve(dir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
}

export async function serveBench(options: BenchServerOptions): Promise<{ origin: string; close(): Promise<void> }> {
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const n = Number(url.searchParams.get('n') ?? '0');
    if (url.pathname === '/ours' || url.pathname === '/ls') {
      const editor = url.pathname === '/ours' ? 'ours' : 'ls';
      const key = `${editor}:${n}`;
      if (!pages.has(key)) pages.set(key, options.page(editor, n));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(pages.get(key));
    } else if (url.pathname === '/image.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(options.image);
    } else if (url.pathname.startsWith('/ls-static/') && options.lsStaticDir) {
      const rest = url.pathname.slice('/ls-static/'.length);
      // main.js/main.css sit in js/ and css/; their relative asset URLs resolve under /ls-static/ too.
      const file = rest.endsWith('.js') && !rest.includes('/') ? `js/${rest}` : rest.endsWith('.css') && !rest.includes('/') ? `css/${rest}` : rest;
      sendFile(res, options.lsStaticDir, file);
    } else {
      sendFile(res, options.builtDir, url.pathname);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
