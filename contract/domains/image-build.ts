/** Build an image from a folder, and the layers explorer. */
export const imageBuildApi = {};
