// The script as it was before layout 3 (contract §8's 21 columns, no usage), so a layout-2 tab can
// be written by the very code that wrote them. The built bundle is committed in layout2-script/
// (built from commit 0ef0be7, main before layout 3, with its own appsscript/build.mjs), as
// layout1-script/ is for layout 1.
import { fileURLToPath } from 'node:url';

export const LAYOUT2_BUNDLE_DIR = fileURLToPath(new URL('./layout2-script/', import.meta.url));
