import { Logger } from '@aws-lambda-powertools/logger';

/** The one logger every function shares; the service name comes from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: 'dan-van-kheo' });
