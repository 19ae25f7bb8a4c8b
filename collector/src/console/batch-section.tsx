/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DefinitionImportProblem } from '@eventline/protocol';
import { Hono } from 'hono';
import { importDefinitions } from '../definitions/import-definitions';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import type { ConsoleEnv } from './console-env';
import { takeFlash } from './console-flash';
import { BatchPage } from './events-page';

/** /console/events/batch: New → Batch, a CSV file imported all or nothing, every problem shown. */
export function batchSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  app.get('/', (c) => c.html(<BatchPage session={c.var.session} flash={takeFlash(c.var.session)} />));
  app.post('/', async (c) => {
    const file = c.var.form.file;
    let problems: DefinitionImportProblem[] | undefined;
    let problemCount = 1;
    let created: string[] | undefined;
    if (!(file instanceof File) || file.size === 0) {
      problems = [{ row: 1, column: null, code: 'no_file', message: 'choose a CSV file to upload' }];
    } else {
      try {
        created = (await importDefinitions(services, new Uint8Array(await file.arrayBuffer()))).map((d) => d.id);
      } catch (error) {
        if (!(error instanceof HttpError) || error.status !== 422) throw error;
        problems = error.details.problems as DefinitionImportProblem[];
        problemCount = error.details.problemCount as number;
      }
    }
    return c.html(<BatchPage session={c.var.session} flash={null} {...(problems && { problems, problemCount })} {...(created && { created })} />, problems ? 422 : 200);
  });
  return app;
}
