import { contract, type BerthContract } from './api.js';
import { contractKinds, type ContractKinds } from './walk.js';

/**
 * Berth's contract without its schemas: each method's name and kind, all a client needs
 * (createClient, mapClientErrors). Importing it evaluates the whole contract, zod schemas included;
 * the renderer's build replaces this module with its value, computed from the same contract at build
 * time (renderer/vite.config.ts), so a fresh window builds none of them on its way to the first row
 * (bench/first-row.ts). The back end validates with the contract itself, unchanged.
 */
export const berthKinds: ContractKinds<BerthContract> = contractKinds(contract);
