// `npm start`: build what is not built, then run the API (which migrates its database and serves
// the console) in this same process, so signals reach its ordered shutdown directly.
import { buildIfNeeded, ROOT } from './lib/build.mjs';

buildIfNeeded();
process.chdir(ROOT);
await import(`${ROOT}/dist/api/backend/src/main.js`);
