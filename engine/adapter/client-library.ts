import dockerodePackage from 'dockerode/package.json' with { type: 'json' };

/** The HTTP client library under the adapter, as reported by `engine.info`. */
export const dockerodeVersion: string = dockerodePackage.version;
