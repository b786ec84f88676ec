/**
 * JSON logs through Powertools Logger on every runtime, so a log line reads the same on Lambda
 * and on one machine. POWERTOOLS_LOG_LEVEL tunes it (tests set SILENT).
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'doanthe' });
