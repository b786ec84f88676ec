/**
 * A member's fields are declared once (storedMemberSchema): every one of them is stored, read back
 * and, but for those the view leaves out, shown — none can be dropped on the way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MEMBER_FIELDS,
  type Member,
  memberViewSchema,
  storedMemberSchema,
  viewOf,
} from '../../shared/domain/members/member.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { MemberRepository } from '../../shared/store/repositories/members.ts';
import { provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { getJson, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let farmers: string;
let repository: MemberRepository;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [farmers] = await accessTokens(t, 'alpha.farmers');
  repository = new MemberRepository(t.deps.table.forTenant(toTenantId('alpha:farmers')));
});

/** A member with every field given a value, none null: a field dropped anywhere shows as a difference. */
const full: Member = {
  id: 'm-every-field',
  fullName: 'Nguyễn Văn Đủ',
  gender: 'male',
  birthDate: '1970-03-04',
  nationalId: { sealed: 'sealed-value', hash: 'hash-of-every-field', masked: '*********321' },
  phone: '0912345678',
  ethnicity: 'Khmer',
  religion: 'Phật giáo',
  education: '12/12',
  occupation: 'Nông dân',
  address: 'Ấp 1, phường Mỹ Tho',
  joinedAt: '1990-01-01',
  cardNumber: 'HV-0001',
  partyMember: true,
  notes: 'Dòng một\nDòng hai',
  veteranService: { enlistedOn: '1988-01-01', dischargedOn: '1990-12-31', unit: 'Sư đoàn 330' },
  branchId: 'b-28261-01',
  branchKind: 'residential',
  unitId: '28261-01',
  unitIds: ['82', '28261', '28261-01'],
  communeId: '28261',
  status: 'away',
  statusSince: '2024-05-01',
  awayPlace: 'Bình Dương',
  transferredTo: { tenantId: 'beta:farmers', unitId: '28249', description: 'Hội Nông dân phường Đạo Thạnh' },
  ratings: { '2023': 'good', '2024': 'excellent' },
  partyIntroductions: [
    {
      id: 'p-every-field',
      introducedOn: '2023-06-01',
      branchId: 'b-28261-01',
      decisionNumber: '12-QĐ/HND',
      note: 'Xuất sắc',
      state: 'admitted',
      decidedOn: '2024-01-15',
      decisionNote: 'Quyết định 45-QĐ/ĐU',
      recordedBy: 'alpha.farmers',
    },
  ],
  admission: {
    by: { userId: 'u-1', username: 'alpha.farmers' },
    branchId: 'b-28261-00',
    type: 'transferred_in',
    status: 'away',
    awayPlace: 'Cần Thơ',
    reason: 'Chuyển đến từ Cần Thơ',
  },
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-02T00:00:00.000Z',
  version: 2,
};

describe('the stored member', () => {
  it('is built with every field of its schema by this test', () => {
    expect(Object.keys(full).sort()).toEqual([...MEMBER_FIELDS].sort());
    expect(storedMemberSchema.strict().parse(full)).toEqual(full);
  });

  it('reads back every field it was stored with', async () => {
    const tx = repository.transaction();
    repository.create(tx, full);
    await tx.commit();

    expect(await repository.get(full.id)).toEqual(full);
  });

  it('gives back its admission, every field of it, as the first event of its history', async () => {
    expect(await repository.history(full.id)).toEqual([
      {
        id: full.id,
        type: 'transferred_in',
        status: 'away',
        effectiveDate: full.joinedAt,
        reason: 'Chuyển đến từ Cần Thơ',
        awayPlace: 'Cần Thơ',
        fromBranchId: null,
        toBranchId: 'b-28261-00',
        recordedAt: full.createdAt,
        recordedBy: { userId: 'u-1', username: 'alpha.farmers' },
      },
    ]);
  });

  it('shows a sensitive reader every field of the view schema, with the stored values', async () => {
    const view = await getJson<Record<string, unknown>>(t, `/api/v1/members/${full.id}`, farmers);

    expect(Object.keys(view).sort()).toEqual([...memberViewSchema.keyof().options].sort());
    expect(view).toEqual(viewOf(full, true));
  });
});
