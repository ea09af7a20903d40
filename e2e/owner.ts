// The owner the main e2e server is started with (DASHBOARD_OWNER_*), and where the setup project
// saves its signed-in browser state for every other spec.
export const OWNER = {
  email: 'owner@e2e.example',
  password: 'e2e-owner-password-0123',
  name: 'Olivia Owner',
} as const;

export const OWNER_STATE = 'test-results/.auth/owner.json';
