/** One in-memory DynamoDB Local for the whole run; each test file makes its own table in it. */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', database.endpoint);
  return () => database.stop();
}
