/**
 * The official 2025 old → new commune table, for the provinces we have it for (today's Đồng Tháp,
 * code 82: NSO conversion table, source and licence in dong-thap-2025.json). People keep using
 * the old codes and names for years, in imports, spreadsheets and filters; this answers which
 * commune of today an old one became. Pure: no store, no HTTP. Imports (a later issue) are meant
 * to call `officialSuccessor` for the commune column of a row.
 *
 * Old communes were sometimes split between two new ones (3 in Đồng Tháp: Phú Thuận B, Gáo Giồng,
 * Tân Thạnh). Figures cannot be split by land, so such a commune is counted whole in the new
 * commune the table names first (its own code's successor when one kept the code), flagged partial.
 */
import { foldVietnamese } from '../vietnamese-text.ts';
import dongThap from './dong-thap-2025.json' with { type: 'json' };

interface TableCommune {
  readonly code: string;
  readonly name: string;
  readonly predecessors: readonly {
    readonly code: string;
    readonly name: string;
    readonly districtCode: string;
    readonly district: string;
    readonly provinceCode: string;
    readonly partial: boolean;
  }[];
}

export interface OldCommune {
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
  readonly district: string;
}

/** What an old commune became. */
export interface OfficialSuccessor {
  readonly old: OldCommune;
  /** The new commune it is counted in. */
  readonly code: string;
  readonly name: string;
  /** Split between several new communes: `code` is the one it is counted in, `alsoIn` the others. */
  readonly partial: boolean;
  readonly alsoIn: readonly string[];
}

const TABLES: Readonly<Record<string, { effective: string; communes: readonly TableCommune[] }>> = {
  [dongThap.provinceCode]: dongThap,
};

function successorsOf(provinceCode: string): Map<string, OfficialSuccessor> {
  const parts = new Map<string, { old: OldCommune; partial: boolean; into: TableCommune[] }>();
  for (const commune of TABLES[provinceCode]?.communes ?? [])
    for (const { code, name, districtCode, district, partial } of commune.predecessors) {
      const part = parts.get(code) ?? { old: { code, name, districtCode, district }, partial, into: [] };
      part.into.push(commune);
      parts.set(code, part);
    }
  const byOld = new Map<string, OfficialSuccessor>();
  for (const [code, { old, partial, into }] of parts) {
    // The commune that kept the old code, else the first the table names.
    const counted = into.find((c) => c.code === code) ?? (into[0] as TableCommune);
    const alsoIn = into.filter((c) => c !== counted).map((c) => c.code);
    byOld.set(code, { old, code: counted.code, name: counted.name, partial, alsoIn });
  }
  return byOld;
}

const cache = new Map<string, Map<string, OfficialSuccessor>>();
function indexOf(provinceCode: string): Map<string, OfficialSuccessor> {
  let index = cache.get(provinceCode);
  if (!index) {
    index = successorsOf(provinceCode);
    cache.set(provinceCode, index);
  }
  return index;
}

/**
 * The new commune an old one became, by old code ("28252"), old name ("Phường 4", "xa dao thanh":
 * case and diacritics aside) or, where several old communes had that name, name and district
 * ("Phường 1, Thành phố Mỹ Tho"). Undefined when unknown or still ambiguous.
 */
export function officialSuccessor(provinceCode: string, codeOrName: string): OfficialSuccessor | undefined {
  const index = indexOf(provinceCode);
  const byCode = index.get(codeOrName.trim());
  if (byCode) return byCode;
  const [name = '', district] = codeOrName.split(',').map((part) => foldVietnamese(part.trim()));
  const matches = [...index.values()].filter(
    (s) => foldVietnamese(s.old.name) === name && (!district || foldVietnamese(s.old.district) === district),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

/** The old communes the table lists for a new one, each flagged if it was split. */
export function officialPredecessors(
  provinceCode: string,
  newCode: string,
): readonly (OldCommune & { partial: boolean })[] {
  const commune = TABLES[provinceCode]?.communes.find((c) => c.code === newCode);
  return (commune?.predecessors ?? []).map(({ code, name, districtCode, district, partial }) => ({
    code,
    name,
    districtCode,
    district,
    partial,
  }));
}
