/** The official 2025 old → new commune table of Đồng Tháp, as filters and imports use it. */
import { describe, expect, it } from 'vitest';
import { officialPredecessors, officialSuccessor } from '../../shared/domain/admin-units/official-2025.ts';

describe('the official 2025 commune table', () => {
  it('finds the new commune an old code became', () => {
    expect(officialSuccessor('82', '28252')).toMatchObject({
      code: '28249',
      name: 'Phường Đạo Thạnh',
      partial: false,
    });
  });

  it('finds it by an old name typed without diacritics, or with its district where the name is shared', () => {
    expect(officialSuccessor('82', 'xa dao thanh')?.code).toBe('28249');
    expect(officialSuccessor('82', 'Phường 1')).toBeUndefined();
    expect(officialSuccessor('82', 'phuong 1, thanh pho my tho')?.code).toBe('28261');
  });

  it('counts a split commune in the new one that kept its code, flagged partial', () => {
    expect(officialSuccessor('82', '30157')).toMatchObject({
      code: '30157',
      partial: true,
      alsoIn: ['30130'],
    });
    expect(officialSuccessor('82', '30079')).toMatchObject({ partial: true, alsoIn: [expect.any(String)] });
  });

  it('lists the predecessors of a new commune and knows nothing of provinces without a table', () => {
    expect(officialPredecessors('82', '28249').map((p) => p.name)).toEqual([
      'Phường 5',
      'Phường 4',
      'Xã Đạo Thạnh',
    ]);
    expect(officialSuccessor('83', '28252')).toBeUndefined();
  });
});
