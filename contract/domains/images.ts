/** Images: list, remove, prune, pull, tag, push, inspect, history. */
export const imagesApi = {};
