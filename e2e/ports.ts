// Ports of the app and the standalone simulator under test. E2E_PORT moves both (app on it, simulator
// on the next), so two checkouts can run their journeys side by side.
export const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
export const SIM_PORT = APP_PORT + 1;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
