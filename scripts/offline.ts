import { notBuiltYet } from './not-built.ts';

notBuiltYet('npm run offline', 'serverless.yml');
