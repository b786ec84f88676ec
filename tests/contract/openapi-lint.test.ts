/**
 * The document integrators start from passes Redocly CLI's recommended rules with nothing to
 * report: every operation named, secured (or said to be public), answering problems on 4xx.
 * A problem kept on purpose is in docs/api/lint/.redocly.lint-ignore.yaml with its reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TAGS } from '../../functions/api/http/openapi-document.ts';
import { currentDocument } from '../../scripts/api-contract/current-document.ts';
import { lintDocument } from '../../scripts/api-contract/lint-document.ts';
import { type OpenApiDocument, operationsOf } from '../../scripts/api-contract/openapi-document.ts';

let document: OpenApiDocument;

beforeAll(async () => {
  document = await currentDocument();
});

describe('the OpenAPI document', () => {
  it('has no error and no warning under Redocly’s recommended rules', async () => {
    const report = await lintDocument(document);

    const findings = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    expect(findings).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('tags every operation and webhook with an area it declares', () => {
    const declared = new Set(API_TAGS.map((tag) => tag.name));
    const operations = [...operationsOf(document.paths), ...operationsOf(document.webhooks)];

    const undeclared = operations.filter(
      ([, operation]) => (operation.tags as string[] | undefined)?.some((tag) => !declared.has(tag)) ?? true,
    );
    expect(undeclared.map(([name]) => name)).toEqual([]);
  });

  it('declares a webhook per event type, with its payload schema', () => {
    const webhook = document.webhooks?.['member.status_changed']?.post as {
      requestBody: { content: Record<string, { schema: unknown }> };
    };

    expect(webhook.requestBody.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/WebhookEvent.member.status_changed',
    });
  });
});
