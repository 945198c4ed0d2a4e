/** Container lifecycle actions (start, stop, restart, pause, kill, remove, update). */
export const containerActionsApi = {};
