// The script as it was before layout 2 (contract §4's 16 columns), so a layout-1 tab can be written
// by the very code that wrote them in production. The built bundle is committed in layout1-script/
// (built once from commit 3954fbb, the last whose sheet side wrote layout 1, with its own
// appsscript/build.mjs): rebuilding it from history needs a full clone and drifts with node_modules.
import { fileURLToPath } from 'node:url';

export const LAYOUT1_BUNDLE_DIR = fileURLToPath(new URL('./layout1-script/', import.meta.url));
