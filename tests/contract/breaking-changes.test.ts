/**
 * The document the app serves breaks nothing of the last release (docs/api/openapi.released.json),
 * and the check would tell if it did: an operation or a field removed, a type narrowed, a field
 * newly required — unless the major version rose.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { breakingChanges, releaseRefusals } from '../../scripts/api-contract/breaking-changes.ts';
import { RELEASED_DOCUMENT } from '../../scripts/api-contract/contract-files.ts';
import { currentDocument } from '../../scripts/api-contract/current-document.ts';
import type { Json, OpenApiDocument } from '../../scripts/api-contract/openapi-document.ts';

let released: OpenApiDocument;
let current: OpenApiDocument;

beforeAll(async () => {
  released = JSON.parse(await readFile(RELEASED_DOCUMENT, 'utf8')) as OpenApiDocument;
  current = await currentDocument();
});

/** The current document with one change made to a copy of it. */
function changed(
  edit: (document: OpenApiDocument & { components: { schemas: Record<string, Json> } }) => void,
) {
  const copy = structuredClone(current) as OpenApiDocument & {
    components: { schemas: Record<string, Json> };
  };
  edit(copy);
  return copy;
}

const schema = (document: { components: { schemas: Record<string, Json> } }, name: string) =>
  document.components.schemas[name] as { properties: Record<string, Json>; required: string[] };

describe('the current document against the released one', () => {
  it('breaks nothing the release promised', () => {
    expect(releaseRefusals(released, current)).toEqual([]);
  });

  it('carries a version at least the released one', () => {
    const [major, minor] = current.info.version.split('.').map(Number);
    const [releasedMajor, releasedMinor] = released.info.version.split('.').map(Number);

    expect((major ?? 0) * 1000 + (minor ?? 0)).toBeGreaterThanOrEqual(
      (releasedMajor ?? 0) * 1000 + (releasedMinor ?? 0),
    );
  });
});

describe('breakingChanges', () => {
  it('finds nothing between a document and itself', () => {
    expect(breakingChanges(current, current)).toEqual([]);
  });

  it('finds a field removed from a response', () => {
    const next = changed((d) => {
      delete schema(d, 'TokenPair').properties.refresh_token;
    });

    expect(breakingChanges(current, next)).toContain(
      'POST /api/v1/auth/token 200 application/json: field "refresh_token" removed',
    );
  });

  it('finds an operation removed', () => {
    const next = changed((d) => {
      delete d.paths['/api/v1/members/{id}/history'];
    });

    expect(breakingChanges(current, next)).toEqual(['GET /api/v1/members/{id}/history: removed']);
  });

  it('finds a type narrowed where clients send it', () => {
    const next = changed((d) => {
      schema(d, 'SignIn').properties.username = { type: 'integer' };
    });

    expect(breakingChanges(current, next)).toContainEqual(
      expect.stringMatching(
        /^POST \/api\/v1\/auth\/token body application\/json\.username: type string became integer$/,
      ),
    );
  });

  it('finds a field newly required in a request', () => {
    const next = changed((d) => {
      const signIn = schema(d, 'SignIn');
      signIn.properties.otp = { type: 'string' };
      signIn.required.push('otp');
    });

    expect(breakingChanges(current, next)).toContain(
      'POST /api/v1/auth/token body application/json: field "otp" now required',
    );
  });

  it('finds a webhook event removed, or a field of its payload', () => {
    const next = changed((d) => {
      delete d.webhooks?.['branch.dissolved'];
      const payload = schema(d, 'WebhookEvent.snapshot.taken').properties.data as { properties: Json };
      delete payload.properties.revision;
    });

    // The delivery log shows payloads too: its responses lose the field as well.
    expect(breakingChanges(current, next)).toEqual(
      expect.arrayContaining([
        'POST branch.dissolved: removed',
        'POST snapshot.taken body application/json.data: field "revision" removed',
        'GET /api/v1/webhooks/{id}/deliveries 200 application/json.items[].payload<oneOf[9]>.data: field "revision" removed',
      ]),
    );
  });

  it('lets new optional fields, operations and response fields through', () => {
    const next = changed((d) => {
      schema(d, 'SignIn').properties.deviceName = { type: 'string' };
      schema(d, 'TokenPair').properties.scope = { type: 'string' };
      d.paths['/api/v1/new-things'] = { get: { operationId: 'listNewThings', responses: {} } };
    });

    expect(breakingChanges(current, next)).toEqual([]);
  });
});

describe('releaseRefusals', () => {
  const withoutRefreshToken = () =>
    changed((d) => {
      delete schema(d, 'TokenPair').properties.refresh_token;
    });

  it('refuses a breaking change under the same major version', () => {
    const next = withoutRefreshToken();
    next.info.version = '1.9.0';

    expect(releaseRefusals(current, next)).not.toEqual([]);
  });

  it('accepts it once the major version is raised', () => {
    const next = withoutRefreshToken();
    next.info.version = '2.0.0';

    expect(releaseRefusals(current, next)).toEqual([]);
  });
});
