// `npm run demo`: start everything, print where to look, stop cleanly on Ctrl-C.
import { startDemo } from './demo.js';

const port = Number(process.env.DEMO_PORT ?? 8088);
const demo = await startDemo({ port });
const clusters = demo.clusters
  .map(
    (c) =>
      `  ${`${c.name}:`.padEnd(21)}Teleport stand-in ${c.teleport.address} (mTLS) → relay metrics ` +
      `http://127.0.0.1:${c.relay.httpPort}/metrics`,
  )
  .join('\n');
console.log(`
teleport-sheets demo is running (everything on 127.0.0.1, no Google or Teleport account used):

  the sheet, live:     ${demo.url}
  web app (302 flow):  ${demo.webAppUrl}
${clusters}

Each cluster starts with twelve weeks of past requests, which its relay delivered before the live ones: see
the Dashboard tab, or "Export evidence…" for the quarter.
Try: watch both clusters' requests, reviews and expiries arrive every few seconds; switch tabs;
click a row and "View in Teleport"; "Reformat" to colour statuses; "Relay status"; "Refresh from Teleport".
Ctrl-C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping the relays, the web app and the Teleport stand-ins…');
    demo.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
