/** Signing in through the sign-in page, as a person does: the first step of most browser tests. */
import type { Page } from 'playwright-core';
import { PASSWORD } from '../../setup/test-app.ts';

export async function signInAs(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/'),
    page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click(),
  ]);
}
