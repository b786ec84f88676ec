/**
 * The stream function's bookkeeping, offline: how far a shard's watermark moves once records are
 * applied, and how a batch's changes are grouped by place while each item's records keep their order.
 */
import { describe, expect, it } from 'vitest';
import { advance, byPlace, type RecordChange } from '../../shared/figures/apply-changes.ts';
import type { Counters } from '../../shared/figures/counters.ts';
import { decodeSequences, encodeSequences } from '../../shared/store/repositories/aggregates.ts';

const batch = (...records: [number, boolean][]) =>
  records.map(([n, counted]) => ({ sequence: String(n), at: BigInt(n), counted }));

describe("a shard's progress", () => {
  it('moves the watermark over the applied start of the batch, and over records that move nothing', () => {
    // Prepare
    const records = batch([10, true], [11, false], [12, true], [13, true], [14, false]);

    // Act
    const next = advance({ sequence: '9', applied: [], version: 3 }, records, ['10', '12']);

    // Assess
    expect(next).toEqual({ sequence: '12', applied: [] });
  });

  it('lists the records applied above a gap, and drops them once the gap is applied', () => {
    // Prepare
    const records = batch([10, true], [11, true], [12, true], [13, false]);

    // Act
    const first = advance({ sequence: null, applied: [], version: null }, records, ['11', '12']);
    const second = advance({ ...first, version: 1 }, records, ['10']);

    // Assess
    expect(first).toEqual({ sequence: null, applied: ['11', '12'] });
    expect(second).toEqual({ sequence: '13', applied: [] });
  });

  it('compares sequence numbers as numbers, longer than a double holds', () => {
    // Prepare
    const records = [{ sequence: '100000000000000000000001', at: 100000000000000000000001n, counted: true }];

    // Act
    const next = advance({ sequence: '99999999999999999999999', applied: [], version: 1 }, records, [
      '100000000000000000000001',
    ]);

    // Assess
    expect(next).toEqual({ sequence: '100000000000000000000001', applied: [] });
  });
});

describe('changes grouped by place', () => {
  const change = (n: number, item: string, units: string[], tenant = 'a:farmers'): RecordChange => ({
    eventId: `e${n}`,
    sequenceNumber: String(n),
    item,
    tenant,
    deltas: new Map(units.map((unit) => [unit, { members_active: 1 } as Counters])),
    membership: null,
  });

  it('puts neighbours together, and an item’s records where its first one is, in their order', () => {
    // Prepare: member m1 moves from hamlet 1-02 to 1-01 in its second record.
    const changes = [
      change(1, 'm1', ['82', '1', '1-02']),
      change(2, 'm2', ['82', '2', '2-01']),
      change(3, 'm3', ['82', '1', '1-01']),
      change(4, 'm1', ['82', '1', '1-02', '1-01']),
      change(5, 'm4', ['82', '1', '1-02'], 'a:youth'),
    ];

    // Act
    const grouped = byPlace(changes).map((c) => c.eventId);

    // Assess
    expect(grouped).toEqual(['e3', 'e1', 'e4', 'e5', 'e2']);
  });
});

describe('the sequence numbers a shard lists as applied', () => {
  it('are kept short, and read back as the same numbers', () => {
    // Prepare
    const sequences = [
      '4421584500000000017450439091',
      '000000000000000000120',
      '4421584500000000017450439105',
    ];

    // Act
    const encoded = encodeSequences(sequences);

    // Assess
    // Ascending, the first in full, then distances: 14 apart is one character.
    expect(encoded).toMatch(/^120\.[0-9a-z]+\.e$/);
    expect(decodeSequences(encoded)).toEqual([
      '120',
      '4421584500000000017450439091',
      '4421584500000000017450439105',
    ]);
    expect(decodeSequences(encodeSequences([]))).toEqual([]);
  });
});
