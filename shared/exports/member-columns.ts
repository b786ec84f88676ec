/**
 * The columns of a member list as a file, as officers write them on their own sheets: Vietnamese
 * headers from the catalog, dates as dd/mm/yyyy, statuses in words, the national id masked as the
 * list shows it, and the member's id last so a file can be matched back. CSV and .xlsx write the
 * same columns.
 */
import { dayMonthYear } from '../domain/dates.ts';
import type { MemberExportRow } from '../domain/members/member-export.ts';
import type { Organization } from '../domain/organizations.ts';
import { membersText } from '../domain/ui-text/members.ts';

export interface Column<Row = MemberExportRow> {
  readonly header: string;
  /** Width in characters, for the .xlsx. */
  readonly width: number;
  readonly cell: (row: Row) => string;
}

// The members pages' words alone: the whole catalog is the web admin's, loaded with its pages.
const vi = (key: keyof typeof membersText) => membersText[key].vi;

export function memberColumns(organization: Organization): readonly Column[] {
  return [
    { header: vi('members.field.fullName'), width: 28, cell: ({ member }) => member.fullName },
    {
      header: vi('members.field.gender'),
      width: 9,
      cell: ({ member }) => vi(`members.gender.${member.gender}`),
    },
    {
      header: vi('members.field.birthDate'),
      width: 12,
      cell: ({ member }) => dayMonthYear(member.birthDate),
    },
    {
      header: vi('members.field.nationalId'),
      width: 15,
      cell: ({ member }) => member.nationalIdMasked ?? '',
    },
    { header: vi('members.field.phone'), width: 14, cell: ({ member }) => member.phone ?? '' },
    { header: vi('members.field.cardNumber'), width: 12, cell: ({ member }) => member.cardNumber ?? '' },
    {
      // The Youth Union calls its branches "chi đoàn" (glossary), the three others "chi hội".
      header: vi(organization === 'youth' ? 'members.field.branchYouth' : 'members.field.branch'),
      width: 30,
      cell: ({ branchName }) => branchName,
    },
    { header: vi('members.field.unit'), width: 24, cell: ({ unitName }) => unitName },
    {
      header: vi('members.field.status'),
      width: 22,
      cell: ({ member }) => vi(`members.status.${member.status}`),
    },
    { header: vi('members.field.id'), width: 22, cell: ({ member }) => member.id },
  ];
}
