/**
 * The four mass organizations and the Front, and how a tenant id is made from them.
 * A tenant is one organization (or the Front) in one province: `dong-thap:youth`.
 */
import type { Message } from './messages.ts';

export const ORGANIZATIONS = ['farmers', 'women', 'veterans', 'youth'] as const;
export type Organization = (typeof ORGANIZATIONS)[number];

/** The Front is a principal of its own, beside the four organizations. */
export const TENANT_KINDS = [...ORGANIZATIONS, 'front'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

export const tenantKindNames: Record<TenantKind, Message> = {
  farmers: { vi: 'Hội Nông dân', en: "Farmers' Union" },
  women: { vi: 'Hội Liên hiệp Phụ nữ', en: "Women's Union" },
  veterans: { vi: 'Hội Cựu chiến binh', en: "Veterans' Association" },
  youth: { vi: 'Đoàn TNCS Hồ Chí Minh', en: 'Youth Union' },
  front: { vi: 'Ủy ban Mặt trận Tổ quốc', en: 'Fatherland Front Committee' },
};

export function tenantIdOf(provinceId: string, kind: TenantKind): string {
  return `${provinceId}:${kind}`;
}
