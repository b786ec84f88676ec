/** A deprecated operation or parameter says so on each answer, with its sunset (api-versioning.md). */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { announceDeprecation } from '../../functions/api/http/deprecation.ts';

const notice = { deprecatedOn: new Date('2026-12-01T00:00:00Z'), sunsetOn: new Date('2027-06-01T00:00:00Z') };

describe('announceDeprecation', () => {
  it('marks every answer of a deprecated operation', async () => {
    const app = new Hono().get('/old', announceDeprecation(notice), (c) => c.json({ ok: true }));

    const response = await app.request('/old');

    expect(Object.fromEntries(response.headers)).toMatchObject({
      deprecation: '@1796083200',
      sunset: 'Tue, 01 Jun 2027 00:00:00 GMT',
      link: '</docs>; rel="deprecation"; type="text/html"',
    });
  });

  it('marks only the answers to requests that used a deprecated parameter', async () => {
    const usedBy = (c: { req: { query: (name: string) => string | undefined } }) =>
      c.req.query('unit') !== undefined;
    const app = new Hono().get('/list', announceDeprecation({ ...notice, usedBy }), (c) => c.json([]));

    const withParameter = await app.request('/list?unit=82');
    const without = await app.request('/list');

    expect(withParameter.headers.get('sunset')).toBe('Tue, 01 Jun 2027 00:00:00 GMT');
    expect(without.headers.get('deprecation')).toBeNull();
  });
});
