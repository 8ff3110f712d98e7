import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, casesPath } from '../src/api/client.js';

describe('the case list call (GET /api/instances)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for a page of 20 by default and leaves absent filters out', () => {
    expect(casesPath({})).toBe('/api/instances?limit=20');
    expect(casesPath({ status: undefined, cursor: null })).toBe('/api/instances?limit=20');
  });

  it('passes the status, the limit and the cursor, encoded', () => {
    expect(casesPath({ status: 'done', cursor: 'a+b/c=', limit: 100 })).toBe('/api/instances?limit=100&status=done&cursor=a%2Bb%2Fc%3D');
  });

  it('answers the server\'s page and turns a refusal into its error', async () => {
    const page = { items: [], nextCursor: null };
    const fetch = vi.fn()
      .mockResolvedValueOnce(new Response(JSON.stringify(page), { status: 200 }))
      .mockResolvedValueOnce(new Response(JSON.stringify({ code: 'CF_SERVER_FORBIDDEN_ORG_UNIT', message: { 'zh-CN': '无权', en: 'not allowed' } }), { status: 403 }));
    vi.stubGlobal('fetch', fetch);
    await expect(api.cases({ status: 'active' })).resolves.toEqual(page);
    expect(fetch).toHaveBeenCalledWith('/api/instances?limit=20&status=active', expect.objectContaining({ method: 'GET', credentials: 'same-origin' }));
    await expect(api.cases()).rejects.toMatchObject({ status: 403, code: 'CF_SERVER_FORBIDDEN_ORG_UNIT' });
  });
});
