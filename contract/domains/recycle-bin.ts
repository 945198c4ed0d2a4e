/** Recently removed containers, recreated in one click. */
export const recycleBinApi = {};
