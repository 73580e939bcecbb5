import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, boxResult, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

interface Item {
  id: number;
  data: { image: string };
  annotationCount: number;
}

describeEachDialect('tasks: the data manager list (filters, sort, keyset cursor)', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let annotator: TestUser;
  let projectId: number;
  const url = (query: string) => `/api/projects/${projectId}/tasks?${query}`;
  const all = async (query: string, limit = 2): Promise<Item[]> => {
    const out: Item[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call(manager, 'GET', url(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: Item[]; nextCursor: string | null };
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    annotator = await t.user({ email: 'dm-annotator@example.com' });
    projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'DM', labelConfig: BOX_CONFIG_XML, overlap: 1 })).json().id;
    const withAnnotations = (n: number) => Array.from({ length: n }, () => ({ result: boxResult('Car'), completed_by: { email: 'dm-annotator@example.com' } }));
    // annotation counts 0,2,1,0,1 — ties on purpose, so the id tie-break is exercised.
    const counts = [0, 2, 1, 0, 1];
    await t.call(manager, 'POST', `/api/projects/${projectId}/members`, { userId: annotator.id, role: 'annotator' });
    const res = await t.call(
      manager,
      'POST',
      `/api/projects/${projectId}/tasks`,
      counts.map((n, i) => ({ data: { image: i === 2 ? 'street_50%_off.jpg' : `img${i}.JPG` }, annotations: n === 2 ? [withAnnotations(1)[0], { result: boxResult('Road') }] : withAnnotations(n) })),
    );
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('sorts by annotation count both ways with ties broken by id, across pages', async () => {
    const asc = await all('sort=annotations');
    expect(asc.map((x) => x.annotationCount)).toEqual([0, 0, 1, 1, 2]);
    const ids = asc.map((x) => x.id);
    expect(ids[0]! < ids[1]! && ids[2]! < ids[3]!).toBe(true);
    const desc = await all('sort=-annotations');
    expect(desc.map((x) => x.id)).toEqual([...ids].reverse());
  });

  it('pages newest first by id', async () => {
    const desc = await all('sort=-id', 3);
    const asc = await all('sort=id', 3);
    expect(desc.map((x) => x.id)).toEqual(asc.map((x) => x.id).reverse());
  });

  it('filters by labeled, count range, annotator and ids', async () => {
    expect((await all('labeled=false')).map((x) => x.annotationCount)).toEqual([0, 0]);
    expect((await all('minAnnotations=1&maxAnnotations=1')).every((x) => x.annotationCount === 1)).toBe(true);
    expect(await all(`annotator=${annotator.id}`)).toHaveLength(3);
    const some = (await all('sort=id')).slice(1, 3).map((x) => x.id);
    expect((await all(`ids=${some.join(',')}`)).map((x) => x.id)).toEqual(some);
  });

  it('searches the data case-insensitively, with % taken literally', async () => {
    expect((await all('q=jpg')).length).toBe(5);
    expect((await all('q=50%25')).map((x) => x.data.image)).toEqual(['street_50%_off.jpg']);
    expect(await all('q=5_%25')).toHaveLength(0);
  });

  it('rejects a cursor from another sort and an unknown sort, naming the field', async () => {
    const first = (await t.call(manager, 'GET', url('sort=annotations&limit=1'))).json() as { nextCursor: string };
    const res = await t.call(manager, 'GET', url(`sort=updated&cursor=${first.nextCursor}`));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('cursor');
    const bad = await t.call(manager, 'GET', url('sort=title'));
    expect(bad.statusCode).toBe(400);
  });

  it('is not visible to annotators', async () => {
    expect((await t.call(annotator, 'GET', url('sort=id'))).statusCode).toBe(403);
  });
});
