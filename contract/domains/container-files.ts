/** The container's filesystem: browse, download, upload, diff. */
export const containerFilesApi = {};
