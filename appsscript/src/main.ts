// Entry points: every export here becomes a top-level function in the pushed bundle (build.mjs).
// Binding only — no top-level side effects, since Apps Script evaluates this file on every call.
export { doGet, doPost } from './webapp.js';
export {
  onOpen,
  refreshFromTeleport,
  reformatSheet,
  relayStatus,
  rotateSecret,
  setUpSecret,
  viewInTeleport,
} from './menu.js';
