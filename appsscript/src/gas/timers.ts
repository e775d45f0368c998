// Time-driven triggers over ScriptApp. A trigger runs as the user who made it, with that user's
// authorisation: made from the web app (which runs as the owner), it runs as the owner.
import type { Timers } from './platform.js';

export const timers: Timers = {
  has: (handler) => ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === handler),
  everyMinutes: (handler, minutes) => void ScriptApp.newTrigger(handler).timeBased().everyMinutes(minutes).create(),
};
