import berthPackage from '../package.json' with { type: 'json' };
import { dockerodeVersion } from './adapter/client-library.js';

/** Versions Berth reports as the client side of `docker version`. */
export const clientVersions: { readonly berthVersion: string; readonly dockerodeVersion: string } = Object.freeze({
  berthVersion: berthPackage.version,
  dockerodeVersion,
});
