/** Run a container from a spec, with validation before anything is sent. */
export const containerRunApi = {};
