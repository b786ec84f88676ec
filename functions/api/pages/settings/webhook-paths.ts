/** Where the webhook pages are: the list, and each endpoint's page with its forms under it. */
export const WEBHOOKS_PATH = '/settings/webhooks';

export const endpointPath = (id: string, tail = '') => `${WEBHOOKS_PATH}/${encodeURIComponent(id)}${tail}`;
