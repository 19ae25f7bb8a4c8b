// The IIFE behind the script tag (dist/eventline.min.js): replaces the snippet's stub with the tracker
// and replays what the page called before the script arrived.
import { createTracker } from '../create-tracker';
import { replaySnippetQueue } from '../replay-snippet-queue';

const global = window as unknown as { eventline?: unknown };
const stub = global.eventline;
// Loaded twice (two snippets, or the script tag plus a bundle): keep the first tracker.
if (!stub || Array.isArray(stub)) {
  const tracker = createTracker();
  global.eventline = tracker;
  replaySnippetQueue(stub, tracker);
}
