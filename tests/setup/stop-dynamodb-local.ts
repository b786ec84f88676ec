/** Stops the test file's emulator, if it started one, after every other hook of the file. */
import { afterAll } from 'vitest';
import { stopFileDatabase } from './dynamodb-local.ts';

afterAll(stopFileDatabase);
