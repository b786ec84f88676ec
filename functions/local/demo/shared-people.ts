/**
 * People in two organizations: in the countryside most women farmers are also in the Women's
 * Union. The demo makes some of the Women's Union's generated members the same people as female
 * farmers — same name, national id and birth date — so the Front's distinct-person count comes
 * out below the sum of the four organizations' members, as it does in life.
 *
 * Deterministic, like the generator: the farmers' members are generated again alongside (the
 * same seeded stream the farmers' import writes), so a resumed import pairs the same people.
 */
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
  let farmersLeft = true;
  const pairFor = (woman: GeneratedMember): Identity | undefined => {
    const year = woman.birthDate.slice(0, 4);
    for (;;) {
      const pool = waiting.get(year) ?? [];
      const at = pool.findIndex((farmer) => farmer.birthDate <= woman.birthDate);
      if (at >= 0) return pool.splice(at, 1)[0];
      if (!farmersLeft) return undefined;
      const next = farmers.next();
      if (next.done) {
        farmersLeft = false;
        continue;
      }
      const farmer = next.value;
      if (farmer.gender !== 'female' || !isCurrent(farmer)) continue;
      const { fullName, gender, birthDate, nationalId } = farmer;
      const key = birthDate.slice(0, 4);
      waiting.set(key, [...(waiting.get(key) ?? []), { fullName, gender, birthDate, nationalId }]);
    }
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
  const status = member.history.at(-1)?.status ?? 'active';
  return status === 'active' || status === 'away' || status === 'lapsed';
}
