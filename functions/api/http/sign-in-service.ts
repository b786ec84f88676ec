/** The one sign-in service of the app, shared by the token endpoints and the sign-in page. */
import { SignInService } from '#shared/auth/sign-in.ts';
import { AccountRepository } from '#shared/store/repositories/accounts.ts';
import { SignInFailureRepository } from '#shared/store/repositories/sign-in-failures.ts';
import type { AppDependencies } from '../app-env.ts';

export function signInService(deps: AppDependencies): SignInService {
  return new SignInService(
    deps.table,
    new AccountRepository(deps.table),
    new SignInFailureRepository(deps.table),
    deps.tokens,
    () => deps.clock().getTime(),
  );
}
