/**
 * The province the members pages are tested in, over HTTP and in the browser: its map with
 * branches, the farmers' officers asked for, and Nguyễn Thị Hoa admitted to Khóm 1 of Mỹ Tho
 * with a phone number, the member both look for and open.
 */
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { type Officer, type Scene, setUpScene } from '../setup/scene.ts';

export interface MembersPageScene extends Scene {
  /** Nguyễn Thị Hoa's member id. */
  readonly hoa: string;
}

/** Province `p`, with the users `${p}.farmers` and `signIn` signed in. */
export async function membersPageScene(
  p: string,
  officers: readonly Officer[],
  signIn: readonly string[],
): Promise<MembersPageScene> {
  const admin = `${p}.farmers`;
  const scene = await setUpScene({
    provinces: [p],
    onboard: provinceWithBranches,
    tenants: { [`${p}:farmers`]: { officers } },
    signIn: [admin, ...signIn],
  });
  const hoa = await admitOk(
    scene.t,
    scene.token(admin),
    admission({ fullName: 'Nguyễn Thị Hoa', gender: 'female', phone: '0911222333', branchId: 'b-28261-01' }),
  );
  return { ...scene, hoa: hoa.id };
}
