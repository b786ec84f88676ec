/** A unit's type in the reader's words: "Phường", "Khóm" — the legal categories officers know. */
import type { FullUnit } from '#shared/domain/units.ts';
import type { View } from '../http/view.ts';

export const unitTypeWord = (view: View, unit: Pick<FullUnit, 'type'>) => view.t(`units.type.${unit.type}`);
