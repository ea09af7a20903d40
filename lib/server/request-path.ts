// The request header proxy.ts sets to the page's path and query, so the dashboard layout can send a
// signed-out visitor to sign-in and back to that page. Its own module: proxy.ts runs on every request
// and should load nothing more than this name.
export const REQUEST_PATH_HEADER = 'x-dashboard-path';
