import { expect, test as setup } from '@playwright/test';
import { OWNER, OWNER_STATE } from './owner';

// Signs in once through the sign-in page, as a person would, and saves the cookie for every spec.
setup('sign in as the owner', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('E-mail').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('person-menu')).toContainText(OWNER.name);
  // The vault is the server's: keys one journey adds are there for the next. Each journey starts on
  // the demo workspace, as a person who chose it would, and switches where it means to.
  const url = new URL(page.url());
  await page.context().addCookies([
    {
      name: 'fleet_workspace',
      value: 'demo',
      domain: url.hostname,
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
  await page.context().storageState({ path: OWNER_STATE });
});
