import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDialect('health, OpenAPI, errors, web page', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('answers GET /api/health with {"status":"ok"} without credentials', async () => {
    const res = await t.call(null, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await t.call(null, 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/auth/login', '/api/projects', '/api/projects/{id}/next', '/api/tasks/{id}/annotations', '/api/annotations/{id}']) expect(doc.paths[path]).toBeDefined();
    const submit = doc.paths['/api/tasks/{id}/annotations'].post;
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409']));
    expect(submit.requestBody.content['application/json'].schema.properties.result).toBeDefined();
    expect(doc.components.schemas.ErrorResponse).toBeDefined();
  });

  it('answers unknown API routes with the error shape', async () => {
    const res = await t.call(t.admin, 'GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'LAOSHI_ROUTE_NOT_FOUND', message: 'no route GET /api/nothing-here' } });
  });

  it('names the field of a non-numeric id and rejects non-JSON bodies', async () => {
    const res = await t.call(t.admin, 'GET', '/api/projects/abc');
    expect(res.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'id' });
    const text = await t.app.inject({ method: 'POST', url: '/api/projects', headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('LAOSHI_UNSUPPORTED_MEDIA_TYPE');
    const broken = await t.app.inject({ method: 'POST', url: '/api/projects', headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'application/json' }, payload: '{"title":' });
    expect(broken.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'body' });
  });

  it('never leaks internals on a 500', async () => {
    const c = await makeTestApp(dialect);
    try {
      c.app.get('/api/test-crash', async () => {
        throw new Error('secret database detail');
      });
      const res = await c.call(c.admin, 'GET', '/api/test-crash');
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('LAOSHI_INTERNAL');
      expect(res.body).not.toContain('secret database detail');
    } finally {
      await c.close();
    }
  });

  it('serves the web app with security headers', async () => {
    const res = await t.call(null, 'GET', '/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Laoshi');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers a browser deep link with the app, but unknown API routes and assets with 404', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/projects/5/tasks/3?annotation=2', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<div id="root">');
    const api = await t.call(t.admin, 'GET', '/api/nope', undefined, { accept: 'text/html' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('LAOSHI_ROUTE_NOT_FOUND');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/missing.js', headers: { accept: 'text/html' } });
    expect(asset.statusCode).toBe(404);
    const post = await t.app.inject({ method: 'POST', url: '/projects/5', headers: { accept: 'text/html' } });
    expect(post.statusCode).toBe(404);
  });
});
