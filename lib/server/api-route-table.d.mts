export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface ApiRoute {
  path: string;
  methods: readonly ApiMethod[];
}
export const API_ROUTES: readonly ApiRoute[];
export function isApiPath(pathname: string): boolean;
export function apiRouteFor(pathname: string): ApiRoute | undefined;
export function allowedMethods(route: ApiRoute): string[];
