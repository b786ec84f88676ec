/**
 * The template an officer fills in: the columns the import reads, headed as officers write them
 * (so the file they send back is read column for column), in the organization's words — the Youth
 * Union's "Chi đoàn", "Ngày vào đoàn" — with how to fill each in. Sensitive columns are offered
 * only to those who may import them (check-import.ts leaves them out for everyone else).
 */
import { requireMemberWriter, seesSensitiveFields } from '../../access/member-access.ts';
import type { Message } from '../../messages.ts';
import type { Principal } from '../../roles.ts';
import { importsText } from '../../ui-text/imports.ts';
import { membersText } from '../../ui-text/members.ts';
import { REQUIRED_COLUMNS, SENSITIVE_COLUMNS } from './check-import.ts';
import type { ImportField } from './import-columns.ts';

export interface TemplateColumn {
  readonly field: ImportField;
  readonly header: string;
  readonly required: boolean;
  readonly how: Message;
  /** Digits that must stay as typed (a leading 0): the column is text. */
  readonly text: boolean;
  /** Width in characters. */
  readonly width: number;
}

type Spec = readonly [ImportField, Message, Message, number];

export function importTemplate(principal: Principal): readonly TemplateColumn[] {
  const youth = requireMemberWriter(principal, 'members:write') === 'youth';
  const field = membersText;
  const header = importsText;
  const how = importsText;
  const specs: readonly Spec[] = [
    ['fullName', field['members.field.fullName'], how['imports.how.fullName'], 28],
    ['gender', field['members.field.gender'], how['imports.how.gender'], 10],
    ['birthDate', field['members.field.birthDate'], how['imports.how.date'], 12],
    ['nationalId', field['members.field.nationalId'], how['imports.how.nationalId'], 15],
    ['phone', field['members.field.phone'], how['imports.how.phone'], 14],
    ['cardNumber', field['members.field.cardNumber'], how['imports.how.cardNumber'], 12],
    [
      'branch',
      field[youth ? 'members.field.branchYouth' : 'members.field.branch'],
      how['imports.how.branch'],
      30,
    ],
    ['hamlet', header['imports.header.hamlet'], how['imports.how.hamlet'], 20],
    ['commune', header['imports.header.commune'], how['imports.how.commune'], 22],
    ['status', header['imports.header.status'], how['imports.how.status'], 20],
    ['awayPlace', header['imports.header.awayPlace'], how['imports.how.awayPlace'], 24],
    [
      'joinedAt',
      header[youth ? 'imports.header.joinedAtYouth' : 'imports.header.joinedAt'],
      how['imports.how.date'],
      14,
    ],
    ['occupation', header['imports.header.occupation'], how['imports.how.free'], 18],
    ['address', header['imports.header.address'], how['imports.how.free'], 30],
    ['ethnicity', header['imports.header.ethnicity'], how['imports.how.sensitive'], 12],
    ['religion', header['imports.header.religion'], how['imports.how.sensitive'], 12],
    ['education', header['imports.header.education'], how['imports.how.free'], 14],
    ['notes', header['imports.header.notes'], how['imports.how.free'], 30],
  ];
  const sensitive = seesSensitiveFields(principal);
  return specs
    .filter(([name]) => sensitive || !SENSITIVE_COLUMNS.includes(name))
    .map(([name, words, explained, width]) => ({
      field: name,
      header: words.vi,
      required: REQUIRED_COLUMNS.includes(name),
      how: explained,
      text: name === 'nationalId' || name === 'phone' || name === 'cardNumber',
      width,
    }));
}
