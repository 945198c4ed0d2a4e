/** Logs (follow, since/tail, timestamps) and inspect. */
export const containerLogsApi = {};
