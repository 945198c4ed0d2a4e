import { z } from 'zod';
import { method } from '../define.js';
import type { RegistryInfo, RegistryLoginResult, RegistryLogoutResult, RegistrySearchResult, RegistryTagList } from '../models/registries.js';

const none = z.object({}).strict();

const hostPattern = /^(https?:\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?(\/[^\s]*)?$/;

/** A registry server as users type it: host[:port], optionally with http(s):// and a path (ignored). */
export const registryServerSchema = z
  .string({ error: 'expected the registry server as text' })
  .trim()
  .min(1, 'the registry server is empty')
  .max(255, 'the registry server is longer than 255 characters')
  .regex(hostPattern, 'expected a registry host such as registry.example.com, 127.0.0.1:5000 or docker.io');

/** A repository path: lower-case components separated by "/", as in image references. */
export const repositoryNameSchema = z
  .string({ error: 'expected the repository as text' })
  .trim()
  .min(1, 'the repository is empty')
  .max(255, 'the repository is longer than 255 characters')
  .regex(/^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/, 'expected a repository path such as team/app (lower-case letters, digits, ".", "_", "-", separated by "/")');

export const registryLoginArgs = z
  .object({
    server: registryServerSchema,
    username: z.string({ error: 'expected the user name as text' }).trim().min(1, 'the user name is empty').max(255, 'the user name is longer than 255 characters'),
    password: z.string({ error: 'expected the password as text' }).min(1, 'the password is empty').max(4096, 'the password is longer than 4096 characters'),
  })
  .strict();

export const registrySearchArgs = z
  .object({
    /** Registry host; omitted or "docker.io" searches Docker Hub. */
    registry: registryServerSchema.optional(),
    /** Text to look for in repository names (empty lists a v2 registry's whole catalog). */
    term: z.string({ error: 'expected the search term as text' }).trim().max(255, 'the search term is longer than 255 characters'),
    limit: z.number({ error: 'expected the limit as a number' }).int('the limit must be a whole number').min(1, 'the limit must be at least 1').max(100, 'the limit must be at most 100').optional(),
  })
  .strict();

export const registriesApi = {
  /** Registries with stored credentials (config.json auths, credHelpers, the credsStore's list). */
  list: method<RegistryInfo[]>()(none),
  /** Check the credentials with the engine (POST /auth), then store them where the Docker CLI would. */
  login: method<RegistryLoginResult>()(registryLoginArgs),
  /** Erase the stored credentials (helper erase, or remove from config.json auths). */
  logout: method<RegistryLogoutResult>()(z.object({ server: registryServerSchema }).strict()),
  /** Docker Hub: the engine's search API; a v2 registry: its catalog filtered by the term, with tags. */
  search: method<RegistrySearchResult>()(registrySearchArgs),
  /** All tags of one repository (bounded). */
  tags: method<RegistryTagList>()(z.object({ registry: registryServerSchema, repository: repositoryNameSchema }).strict()),
};
