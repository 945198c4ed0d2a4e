/** Only our own pages' hash routes: "#/" then letters, digits and -_./:@ (ids, names); shared by main and preload. */
export const isHashRoute = (route: unknown): route is string => typeof route === 'string' && route.length < 512 && /^#\/[\w\-./:@]*$/.test(route);
