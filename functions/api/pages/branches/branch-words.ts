/** A branch's kind, model, agency type and status, and a member's status, in the reader's words. */
import { AGENCY_TYPES, type BranchKind, ECONOMIC_MODELS, type FullBranch } from '#shared/domain/branches.ts';
import type { MemberStatus } from '#shared/domain/members/member.ts';
import type { Option } from '../components/forms.tsx';
import type { View } from '../http/view.ts';

export const kindWord = (view: View, kind: BranchKind) => view.t(`branches.kind.${kind}`);
export const statusWord = (view: View, branch: Pick<FullBranch, 'status'>) =>
  view.t(`branches.status.${branch.status}`);

export const kindOptions = (view: View, kinds: readonly BranchKind[]): Option[] =>
  kinds.map((kind) => ({ value: kind, label: kindWord(view, kind) }));
export const modelOptions = (view: View): Option[] =>
  ECONOMIC_MODELS.map((model) => ({ value: model, label: view.t(`branches.model.${model}`) }));
export const agencyOptions = (view: View): Option[] =>
  AGENCY_TYPES.map((type) => ({ value: type, label: view.t(`branches.agency.${type}`) }));

/** What kind of professional or agency branch it is, or nothing for a residential one. */
export function specialtyWord(view: View, branch: Pick<FullBranch, 'economicModel' | 'agencyType'>) {
  if (branch.economicModel) return view.t(`branches.model.${branch.economicModel}`);
  if (branch.agencyType) return view.t(`branches.agency.${branch.agencyType}`);
  return null;
}

/** A member's status in the words the members pages use. */
export const memberStatusWord = (view: View, status: MemberStatus) => view.t(`members.status.${status}`);
