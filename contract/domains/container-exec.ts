/** Interactive exec/attach sessions with a TTY, and streaming stats. */
export const containerExecApi = {};
