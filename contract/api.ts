import type { Client, Implementation } from './define.js';
import { composeApi } from './domains/compose.js';
import { containersApi } from './domains/containers.js';
import { engineApi } from './domains/engine.js';
import { imageBuildApi } from './domains/image-build.js';
import { imagesApi } from './domains/images.js';
import { networksApi } from './domains/networks.js';
import { recycleBinApi } from './domains/recycle-bin.js';
import { registriesApi } from './domains/registries.js';
import { volumesApi } from './domains/volumes.js';
import { systemApi } from './domains/system.js';
import { settingsApi } from './domains/settings.js';
import { diagnosticsApi } from './domains/diagnostics.js';

/**
 * The one API between UI and back end. Adding an endpoint: one line in a domain file under
 * contract/domains/, and one method in the matching engine service. Transports derive the rest.
 */
export const contract = {
  engine: engineApi,
  containers: containersApi,
  recycleBin: recycleBinApi,
  images: { ...imagesApi, ...imageBuildApi },
  registries: registriesApi,
  compose: composeApi,
  networks: networksApi,
  system: systemApi,
  volumes: volumesApi,
  settings: settingsApi,
  diagnostics: diagnosticsApi,
};

export type BerthContract = typeof contract;
export type BerthApi = Client<BerthContract>;
export type BerthImplementation = Implementation<BerthContract>;
