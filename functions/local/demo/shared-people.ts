/**
 * People in two organizations: in the countryside most women farmers are also in the Women's
 * Union. The demo makes some of the Women's Union's generated members the same people as female
 * farmers — same name, national id and birth date — so the Front's distinct-person count comes
 * out below the sum of the four organizations' members, as it does in life.
 *
 * Deterministic, like the generator: the farmers' members are generated again alongside (the
 * same seeded stream the farmers' import writes), so a resumed import pairs the same people.
 */
import { isCurrent as isCurrentStatus } from '#shared/domain/members/lifecycle.ts';
import type { GeneratedMember } from './generate-members.ts';

/** One woman member in this many is a farmer too. */
const EVERY_NTH_WOMAN = 3;

type Identity = Pick<GeneratedMember, 'fullName' | 'gender' | 'birthDate' | 'nationalId'>;

/**
 * The women's members, some of them given the identity of a female farmer born the same year,
 * no later in it (so the woman's admission age still holds), who is a current farmer. Each
 * farmer is used once: a national id stays unique within the Women's Union.
 */
export function* withFarmersAmongWomen(
  women: Iterable<GeneratedMember>,
  farmers: Iterator<GeneratedMember>,
): Generator<GeneratedMember> {
  // Farmers read ahead and not yet paired, by birth year.
  const waiting = new Map<string, Identity[]>();
  const pairFor = (woman: GeneratedMember): Identity | undefined => {
    const fits = (farmer: Identity) =>
      farmer.birthDate.slice(0, 4) === woman.birthDate.slice(0, 4) && farmer.birthDate <= woman.birthDate;
    const pool = waiting.get(woman.birthDate.slice(0, 4)) ?? [];
    const at = pool.findIndex(fits);
    if (at >= 0) return pool.splice(at, 1)[0];
    for (let next = farmers.next(); !next.done; next = farmers.next()) {
      const farmer = next.value;
      if (farmer.gender !== 'female' || !isCurrent(farmer)) continue;
      const { fullName, gender, birthDate, nationalId } = farmer;
      const identity = { fullName, gender, birthDate, nationalId };
      if (fits(identity)) return identity;
      const year = birthDate.slice(0, 4);
      const waitingOfYear = waiting.get(year);
      if (waitingOfYear) waitingOfYear.push(identity);
      else waiting.set(year, [identity]);
    }
    return undefined;
  };
  let n = 0;
  for (const woman of women) {
    n += 1;
    const farmer = n % EVERY_NTH_WOMAN === 0 && isCurrent(woman) ? pairFor(woman) : undefined;
    yield farmer ? { ...woman, ...farmer } : woman;
  }
}

/** Whether a generated member is still a member today. */
function isCurrent(member: GeneratedMember): boolean {
  return isCurrentStatus(member.history.at(-1)?.status ?? 'active');
}
