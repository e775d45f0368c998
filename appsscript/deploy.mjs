// npm run deploy [-- --skip-tests]: build, gate on the tests, push appsscript/dist with the local
// clasp, then point the existing web app deployment at the new code. A bare push only updates
// /dev; a new deployment would change the URL the relay posts to, so an id is required.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const clasp = join(root, 'node_modules', '.bin', 'clasp');
const skipTests = process.argv.includes('--skip-tests');

function fail(message) {
  console.error(`deploy: ${message}`);
  process.exit(1);
}

function run(command, args, cwd) {
  console.log(`deploy: $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} ${args[0] ?? ''} failed (exit ${result.status ?? result.signal})`);
}

const configPath = join(here, '.clasp.json');

function readConfig() {
  return existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')) : null;
}

function checkConfig(config) {
  if (!config) {
    fail(
      'appsscript/.clasp.json is missing. Copy appsscript/.clasp.json.example to appsscript/.clasp.json ' +
        'and set "scriptId" (Apps Script editor > Project Settings > IDs). Log in once with `npx clasp login`.',
    );
  }
  if (config.rootDir !== 'dist')
    fail('appsscript/.clasp.json must have "rootDir": "dist" (the built bundle), not the sources.');
}

function deploymentId(config) {
  const id = process.env.TELEPORT_SHEETS_DEPLOYMENT_ID || config?.deploymentId;
  if (!id || id.startsWith('<')) {
    fail(
      'no deployment id. Create the web app deployment once in the Apps Script editor (Deploy > New deployment > ' +
        'Web app, Execute as: Me, Who has access: Anyone), copy its Deployment ID (or list them with ' +
        '`npx clasp list-deployments` in appsscript/), then set TELEPORT_SHEETS_DEPLOYMENT_ID or "deploymentId" ' +
        'in appsscript/.clasp.json.',
    );
  }
  return id;
}

const config = readConfig();
const id = deploymentId(config);
checkConfig(config);
if (!existsSync(clasp)) fail('node_modules/.bin/clasp not found: run `npm ci` first.');

run(process.execPath, [join(here, 'build.mjs')], root);
if (skipTests) {
  console.warn('\n**********************************************************************');
  console.warn('* deploy: WARNING: --skip-tests given: deploying WITHOUT running tests *');
  console.warn('**********************************************************************\n');
} else {
  run('npm', ['test'], root);
}
run(clasp, ['push', '--force'], here);
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
run(clasp, ['update-deployment', id, '--description', `teleport-sheets ${version} ${new Date().toISOString()}`], here);
console.log(`deploy: deployment ${id} now serves the pushed code. Run the smoke check against its /exec URL.`);
