export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface ApiRoute {
  path: string;
  methods: readonly ApiMethod[];
}
export const API_ROUTES: readonly ApiRoute[];
export function isApiPath(pathname: string): boolean;
export function apiRouteFor(pathname: string): ApiRoute | undefined;
export function allowedMethods(route: ApiRoute): string[];
export interface ApiRefusal {
  allow: string | null;
  problem: { type: string; title: string; detail: string; status: 404 | 405 };
}
export function apiRefusal(method: string, pathname: string): ApiRefusal | null;
