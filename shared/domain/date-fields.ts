/**
 * What a date field of a write accepts: an ISO calendar day (zod already refuses 2023-02-29)
 * within the years our records can hold. `0000-01-01` and `1800-01-01` are valid ISO dates but
 * nobody alive was born, joined or moved then; the upper end keeps a mistyped `2925-01-01` out
 * of validity periods. Rules against today (not in the future, not before the current status)
 * are the domain's, which knows the request's time.
 */
import { z } from 'zod';

export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/** An ISO date from EARLIEST_DATE to LATEST_DATE; outside them the field code is `out_of_range`. */
export const recordDateSchema = z.iso.date().check((ctx) => {
  if (ctx.value < EARLIEST_DATE || ctx.value > LATEST_DATE)
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      params: { code: 'out_of_range' },
      message: 'out_of_range',
    });
});
