/** Where the map's pages and forms are. */
export const MAP_PATH = '/map';
export const REORGANIZATIONS_PATH = `${MAP_PATH}/reorganizations`;

export const proposalPath = (id: string, decision: 'accept' | 'reject') =>
  `${MAP_PATH}/proposals/${encodeURIComponent(id)}/${decision}`;

export const unitPath = (id: string) => `${MAP_PATH}/units/${encodeURIComponent(id)}`;
