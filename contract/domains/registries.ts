/** Registries: login, logout, search. */
export const registriesApi = {};
