/**
 * Page matrix cases of the members pages: each page or form is for whom the API's operation it
 * wraps is for (authorization-expectations.ts), sent against the victim's records.
 */
import type { Ids, MatrixScene, Persona } from '../authorization-matrix-scene.ts';
import type { PageCases } from './page-case.ts';

/** Personas of the victim tenant whose scope covers the victim's records (a branch officer's own branch). */
const READERS: readonly Persona[] = ['owner', 'viewer', 'branchOfficer'];
const WRITERS: readonly Persona[] = ['owner', 'branchOfficer'];
/** Admins of other organizations, who get the same page of their own tenant. */
const OTHER_ADMINS: readonly Persona[] = ['otherProvince', 'otherOrganization', 'mapEditor'];
/** Admins of the victim province's other organizations: the victim's hamlet is on their map too. */
const NEIGHBOURS: readonly Persona[] = ['otherOrganization', 'mapEditor'];

const member = (ids: Ids, tail = '') => `/members/${ids.member}${tail}`;
const freshMember = async (scene: MatrixScene) => ({ member: await scene.freshMember() });

export const membersCases: PageCases = {
  'GET /members/export.csv': {
    ok: READERS,
    why: 'GET /api/v1/members/export.csv: the list of a branch in the reader’s scope, as a file',
    build: (ids) => ({ path: `/members/export.csv?branchId=${ids.branch}` }),
  },
  'GET /members/export.xlsx': {
    ok: READERS,
    why: 'GET /api/v1/members/export.xlsx: the list of a branch in the reader’s scope, as a file',
    build: (ids) => ({ path: `/members/export.xlsx?branchId=${ids.branch}` }),
  },
  'GET /members': {
    ok: READERS,
    why: 'GET /api/v1/members: members of a branch in the reader’s scope',
    build: (ids) => ({ path: `/members?branchId=${ids.branch}` }),
  },
  'POST /members/exports': {
    ok: READERS,
    why: 'POST /api/v1/member-exports: the list of a branch in the reader’s scope, as a file prepared by the worker',
    build: (ids) => ({ path: '/members/exports', form: { format: 'csv', branchId: ids.branch } }),
  },
  'GET /members/exports/:id': {
    ok: ['owner'],
    why: 'GET /api/v1/member-exports/{id}: an export is for whoever asked for it (here the admin) and the organization’s admins',
    build: (ids) => ({ path: `/members/exports/${ids.memberExport}` }),
  },
  'GET /members/import': {
    // The form names no record: every officer who admits members gets it, for their own scope.
    ok: [...WRITERS, 'outOfScopeOfficer'],
    own: OTHER_ADMINS,
    why: 'the check of a list is for those who admit members (POST /api/v1/imports/check); other admins check their own',
    build: () => ({ path: '/members/import' }),
  },
  'POST /members/import': {
    ok: WRITERS,
    own: NEIGHBOURS,
    why: 'POST /api/v1/imports/check: a list checked against the branches of a unit in the writer’s scope',
    build: (ids) => ({
      path: '/members/import',
      form: { unitId: ids.unit },
      files: {
        file: new File(
          [
            `Họ và tên,Giới tính,Ngày sinh,Chi hội,Ngày vào hội\r\nĐỗ Văn Mới,Nam,02/03/1985,${ids.branch},01/01/2021\r\n`,
          ],
          'danh-sach.csv',
          { type: 'text/csv' },
        ),
      },
    }),
  },
  'GET /members/import/mau-danh-sach-hoi-vien.xlsx': {
    ok: [...WRITERS, 'outOfScopeOfficer'],
    own: OTHER_ADMINS,
    why: 'GET /api/v1/imports/template.xlsx: the template is for those who import members; other admins get their own',
    build: () => ({ path: '/members/import/mau-danh-sach-hoi-vien.xlsx' }),
  },
  'POST /members/import/uploads': {
    ok: WRITERS,
    own: NEIGHBOURS,
    why: 'POST /api/v1/imports/uploads: a large list’s upload for the branches of a unit in the writer’s scope',
    build: (ids) => ({
      path: '/members/import/uploads',
      form: { name: 'danh-sach.csv', size: '120', unitId: ids.unit },
    }),
  },
  'POST /members/import/:id/start': {
    ok: ['owner'],
    why: 'POST /api/v1/imports/{id}/start: an uploaded list is started by whoever uploaded it (here the admin)',
    build: (ids) => ({ path: `/members/import/${ids.importUpload}/start` }),
  },
  'GET /members/import/:id': {
    ok: ['owner'],
    why: 'GET /api/v1/imports/{id}: an import’s progress, for whoever sent it (here the admin) and the organization’s admins',
    build: (ids) => ({ path: `/members/import/${ids.import}` }),
  },
  'GET /members/new': {
    ok: WRITERS,
    own: NEIGHBOURS,
    why: 'the admit form lists the branches of a unit in the writer’s scope (a branch officer: their own)',
    build: (ids) => ({ path: `/members/new?unitId=${ids.unit}` }),
  },
  'POST /members/new': {
    ok: WRITERS,
    why: 'POST /api/v1/members: officers admit into branches in their scope',
    build: (ids) => ({
      path: '/members/new',
      form: {
        branchId: ids.branch,
        fullName: 'Đỗ Văn Mới',
        gender: 'male',
        birthDate: '1985-03-02',
        joinedAt: '2021-01-01',
      },
    }),
  },
  'GET /members/:id': {
    ok: READERS,
    why: 'GET /api/v1/members/{id} and its history: a member in the reader’s scope',
    build: (ids) => ({ path: member(ids) }),
  },
  'GET /members/:id/edit': {
    ok: WRITERS,
    why: 'the edit form is for who may PATCH /api/v1/members/{id}: a member in the writer’s scope',
    build: (ids) => ({ path: member(ids, '/edit') }),
  },
  'POST /members/:id/edit': {
    ok: WRITERS,
    why: 'PATCH /api/v1/members/{id}: a member in the writer’s scope',
    build: (ids) => ({
      path: member(ids, '/edit'),
      form: {
        version: '1',
        fullName: 'Trịnh Văn Tạm',
        gender: 'male',
        birthDate: '1980-05-04',
        joinedAt: '2020-01-15',
        occupation: 'Đổi nghề',
      },
    }),
    fresh: freshMember,
  },
  'POST /members/:id/status': {
    ok: WRITERS,
    why: 'POST /api/v1/members/{id}/status: a member in the writer’s scope',
    build: (ids, scene) => ({
      path: member(ids, '/status'),
      form: { status: 'lapsed', reason: 'Bỏ sinh hoạt', effectiveDate: scene.today },
    }),
    fresh: freshMember,
  },
  'POST /members/:id/move': {
    ok: ['owner'],
    why: 'POST /api/v1/members/{id}/transfer: the destination branch is outside the branch officer’s scope',
    build: (ids) => ({ path: member(ids, '/move'), form: { toBranchId: ids.toBranch } }),
    fresh: freshMember,
  },
  'POST /members/:id/transfer-out': {
    ok: WRITERS,
    why: 'POST /api/v1/members/{id}/transfer-out: a member in the writer’s scope',
    build: (ids, scene) => ({
      path: member(ids, '/transfer-out'),
      form: { 'destination.description': 'Nơi khác', reason: 'Chuyển đi', effectiveDate: scene.today },
    }),
    fresh: freshMember,
  },
  'POST /members/:id/party-introductions': {
    ok: ['owner'],
    why: 'POST /api/v1/members/{id}/party-introductions: sensitive, for admins and unit officers in scope',
    build: (ids, scene) => ({
      path: member(ids, '/party-introductions'),
      form: { introducedOn: scene.today, decisionNumber: '8-QĐ/HND' },
    }),
    fresh: freshMember,
  },
  'POST /members/:id/party-introductions/:introductionId/outcome': {
    ok: ['owner'],
    why: 'POST /api/v1/members/{id}/party-introductions/{introductionId}/outcome: sensitive, as above',
    build: (ids, scene) => ({
      path: member(ids, `/party-introductions/${ids.introduction}/outcome`),
      form: { state: 'not_admitted', decidedOn: scene.today },
    }),
    fresh: (scene) => scene.freshIntroduction(),
  },
  'POST /members/:id/national-id': {
    ok: ['owner'],
    refusalAudited: true,
    why: 'GET /api/v1/members/{id}/national-id: for admins and unit officers in scope, not viewers or branch officers',
    build: (ids) => ({ path: member(ids, '/national-id'), form: {} }),
  },
  'GET /transfers': {
    ok: ['owner', 'viewer'],
    own: [...OTHER_ADMINS, 'outOfScopeOfficer', 'branchOfficer'],
    why: 'GET /api/v1/incoming-transfers: transfers addressed to no unit are for the organization’s admins',
    build: () => ({ path: '/transfers' }),
  },
  'POST /transfers/:id/accept': {
    ok: ['owner'],
    why: 'POST /api/v1/incoming-transfers/{id}/accept: transfers addressed to no unit are accepted by admins',
    build: (ids) => ({ path: `/transfers/${ids.transfer}/accept`, form: { branchId: ids.branch } }),
    fresh: async (scene) => ({ transfer: await scene.freshTransfer() }),
  },
  'GET /coming-of-age': {
    ok: ['owner', 'viewer'],
    own: NEIGHBOURS,
    why: 'GET /api/v1/members/coming-of-age: members of a unit in the reader’s scope (more than a branch officer’s branch)',
    // The victim member was born in 1980: 30 in 2010.
    build: (ids) => ({ path: `/coming-of-age?year=2010&unitId=${ids.unit}` }),
  },
};
