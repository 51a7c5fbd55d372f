import { notBuiltYet } from './not-built.ts';

notBuiltYet('npm run build-words', 'Lambda');
