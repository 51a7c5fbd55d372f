import { notBuiltYet } from './not-built.ts';

notBuiltYet('npm run logs', 'Emulator-IAM-and-logs');
