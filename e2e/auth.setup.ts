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
  await page.context().storageState({ path: OWNER_STATE });
});
