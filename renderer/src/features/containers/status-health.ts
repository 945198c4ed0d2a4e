export type StatusHealth = 'healthy' | 'unhealthy' | 'starting';

const HEALTH = /\((healthy|unhealthy|health: starting)\)$/;

/**
 * The health check's verdict in the engine's status text, as `docker ps` prints it ("Up 3 minutes
 * (unhealthy)", "Up 2 seconds (health: starting)"); undefined for a container without a health check.
 */
export function statusHealth(status: string): StatusHealth | undefined {
  const m = HEALTH.exec(status);
  if (!m) return undefined;
  return m[1] === 'health: starting' ? 'starting' : (m[1] as StatusHealth);
}
