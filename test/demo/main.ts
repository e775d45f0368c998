// `npm run demo`: start everything, print where to look, stop cleanly on Ctrl-C.
import { startDemo } from './demo.js';

const port = Number(process.env.DEMO_PORT ?? 8088);
const demo = await startDemo({ port });
console.log(`
teleport-sheets demo is running (everything on 127.0.0.1, no Google or Teleport account used):

  the sheet, live:      ${demo.url}
  Teleport stand-in:    ${demo.chain.teleport.address} (mTLS, cluster ${demo.chain.cluster.name})
  web app (302 flow):   ${demo.chain.web.url}
  relay metrics:        http://127.0.0.1:${demo.chain.relays[0]!.httpPort}/metrics

Try: watch new requests, reviews and expiries arrive every few seconds; click a row and
"View in Teleport"; "Reformat" to colour statuses; "Relay status"; "Refresh from Teleport".
Ctrl-C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping the relay, the web app and the Teleport stand-in…');
    demo.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
