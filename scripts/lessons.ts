import { notBuiltYet } from './not-built.ts';

notBuiltYet('npm run lessons', 'Lessons');
