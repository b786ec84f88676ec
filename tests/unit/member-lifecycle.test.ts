/**
 * A membership's life, checked against a model: the allowed-transitions table written out here
 * independently of the code, plus the rules a change must meet (effective date, place when away,
 * coming of age). Random sequences of requested changes must be accepted or refused exactly as
 * the model says, and leave the member where the model leaves it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain/errors.ts';
import { applyStatusChange, canFollow, isCurrent } from '../../shared/domain/members/lifecycle.ts';
import { MEMBER_STATUSES, type Member, type MemberStatus } from '../../shared/domain/members/member.ts';
import { ORGANIZATIONS, type Organization } from '../../shared/domain/organizations.ts';

// ——— The model ———

const CURRENT: readonly MemberStatus[] = ['active', 'away', 'lapsed'];

/** From a current status to any other status; nothing follows an ending one. */
const ALLOWED: Record<MemberStatus, readonly MemberStatus[]> = {
  active: ['away', 'lapsed', 'transferred_out', 'removed', 'deceased', 'graduated'],
  away: ['active', 'lapsed', 'transferred_out', 'removed', 'deceased', 'graduated'],
  lapsed: ['active', 'away', 'transferred_out', 'removed', 'deceased', 'graduated'],
  transferred_out: [],
  removed: [],
  deceased: [],
  graduated: [],
};

interface ModelState {
  readonly status: MemberStatus;
  readonly statusSince: string;
  readonly awayPlace: string | null;
}

interface Request {
  readonly status: MemberStatus;
  readonly effectiveDate: string;
  readonly awayPlace: string | null;
}

type Verdict =
  | { readonly accepted: true; readonly state: ModelState }
  | { readonly accepted: false; readonly code: string };

/** What should happen to a request, in the order the rules are told to the caller. */
function modelVerdict(
  state: ModelState,
  request: Request,
  person: { organization: Organization; birthYear: number },
  today: string,
): Verdict {
  if (request.status === 'transferred_out') return { accepted: false, code: 'USE_TRANSFER_OUT' };
  if (!ALLOWED[state.status].includes(request.status))
    return { accepted: false, code: 'INVALID_STATUS_TRANSITION' };
  if (request.effectiveDate < state.statusSince || request.effectiveDate > today)
    return { accepted: false, code: 'EFFECTIVE_DATE_OUT_OF_RANGE' };
  if (request.status === 'away' && !request.awayPlace) return { accepted: false, code: 'VALIDATION_FAILED' };
  if (request.status === 'graduated') {
    // Turns 30 (or is older) by the end of the year the change takes effect, in the Youth Union only.
    const ageAtYearEnd = Number(request.effectiveDate.slice(0, 4)) - person.birthYear;
    if (person.organization !== 'youth' || ageAtYearEnd < 30)
      return { accepted: false, code: 'CANNOT_GRADUATE' };
  }
  return {
    accepted: true,
    state: {
      status: request.status,
      statusSince: request.effectiveDate,
      awayPlace: request.status === 'away' ? request.awayPlace : null,
    },
  };
}

// ——— The code under test, as a fold over the same requests ———

function memberOf(state: ModelState, person: { birthDate: string }): Member {
  return {
    id: 'm-1',
    fullName: 'Nguyễn Văn An',
    gender: 'male',
    birthDate: person.birthDate,
    nationalId: null,
    phone: null,
    ethnicity: null,
    religion: null,
    education: null,
    occupation: null,
    address: null,
    joinedAt: '2015-01-15',
    cardNumber: null,
    partyMember: false,
    notes: null,
    veteranService: null,
    branchId: 'b-1',
    unitId: '28261-01',
    unitIds: ['82', '28261', '28261-01'],
    communeId: '28261',
    status: state.status,
    statusSince: state.statusSince,
    awayPlace: state.awayPlace,
    transferredTo: null,
    createdAt: '2015-01-15T00:00:00.000Z',
    updatedAt: '2015-01-15T00:00:00.000Z',
    version: 1,
  };
}

function codeVerdict(
  state: ModelState,
  request: Request,
  person: { organization: Organization; birthDate: string },
  today: string,
): Verdict {
  try {
    const fields = applyStatusChange(
      memberOf(state, person),
      { ...request, reason: 'Kiểm tra' },
      person.organization,
      today,
    );
    return { accepted: true, state: fields };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { accepted: false, code: error.code };
  }
}

// ——— Arbitraries ———

const TODAY = '2026-06-15';
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const statusArb = fc.constantFrom(...MEMBER_STATUSES);
const personArb = fc.record({
  organization: fc.constantFrom(...ORGANIZATIONS),
  // Around the coming-of-age line for the years the effective dates fall in (2020–2026).
  birthDate: fc
    .tuple(
      fc.integer({ min: 1985, max: 2000 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
});
/** A requested change; its date is an offset from the current status's start, so some fall before it. */
const requestArb = fc.record({
  status: statusArb,
  offsetDays: fc.integer({ min: -30, max: 900 }),
  awayPlace: fc.option(fc.constantFrom('TP. Hồ Chí Minh', 'Bình Dương', 'Hàn Quốc'), { nil: null }),
});
const startArb = fc.record({
  status: fc.constantFrom(...CURRENT),
  statusSince: fc.constantFrom('2020-01-15', '2022-03-01', '2025-12-31'),
});

describe('the allowed-transitions table', () => {
  it('canFollow answers as the table for every pair of statuses', () => {
    for (const from of MEMBER_STATUSES)
      for (const to of MEMBER_STATUSES)
        expect([from, to, canFollow(from, to)]).toEqual([from, to, ALLOWED[from].includes(to)]);
  });

  it('the current statuses are exactly those something may follow', () => {
    for (const status of MEMBER_STATUSES) expect(isCurrent(status)).toBe(ALLOWED[status].length > 0);
  });
});

describe('applyStatusChange', () => {
  it('accepts and refuses random sequences of requested changes as the model does, ending where it ends', () => {
    fc.assert(
      fc.property(personArb, startArb, fc.array(requestArb, { maxLength: 12 }), (person, start, requests) => {
        const who = { ...person, birthYear: Number(person.birthDate.slice(0, 4)) };
        let model: ModelState = { ...start, awayPlace: start.status === 'away' ? 'Long An' : null };
        let code: ModelState = model;
        const history: ModelState[] = [];
        for (const r of requests) {
          const request = {
            status: r.status,
            effectiveDate: addDays(model.statusSince, r.offsetDays),
            awayPlace: r.awayPlace,
          };
          const expected = modelVerdict(model, request, who, TODAY);
          const actual = codeVerdict(code, request, person, TODAY);
          expect(actual).toEqual(expected);
          if (expected.accepted && actual.accepted) {
            model = expected.state;
            code = actual.state;
            history.push(model);
          }
        }
        expect(code).toEqual(model);
        // Effective dates never go back in time, and only the last accepted change may end the membership.
        const dates = history.map((h) => h.statusSince);
        expect(dates).toEqual([...dates].sort());
        expect(history.slice(0, -1).every((h) => isCurrent(h.status))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('graduates a Youth Union member exactly from the year they turn 30', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1980, max: 2000 }),
        fc.integer({ min: 2015, max: 2026 }),
        fc.constantFrom(...ORGANIZATIONS),
        (birthYear, year, organization) => {
          const person = { organization, birthDate: `${birthYear}-12-31` };
          const start: ModelState = { status: 'active', statusSince: '2015-01-01', awayPlace: null };
          const verdict = codeVerdict(
            start,
            { status: 'graduated', effectiveDate: `${year}-01-02`, awayPlace: null },
            person,
            TODAY,
          );
          expect(verdict.accepted).toBe(organization === 'youth' && year - birthYear >= 30);
        },
      ),
    );
  });
});
