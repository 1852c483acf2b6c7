/** Every API route lives below `/api/v1` (the console and the docs own the rest). */
export const API_PREFIX = 'api/v1';
