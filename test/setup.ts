import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers';

// every test file leaves /tmp as it found it
afterAll(removeTempDirs);
