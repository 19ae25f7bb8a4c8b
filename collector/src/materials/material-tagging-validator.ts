import { limits } from '@eventline/protocol';
import type { Config } from '../config';
import type { DefinitionCache } from '../definitions/definition-cache';
import { EventValidator, type IngestContext, type Validation } from '../ingest/event-validator';
import type { MaterialCache } from './material-cache';

/**
 * An event whose `properties.target_id` names a material gets the material's tags after its own, as
 * the material is now: later tag changes apply to later events only. Past the 20-tag limit the
 * material's remaining tags are left off; the event is still recorded.
 */
export function withMaterialTags(tags: string[], materialTags: readonly string[] | undefined): string[] {
  if (!materialTags || materialTags.length === 0) return tags;
  return [...new Set([...tags, ...materialTags])].slice(0, limits.maxTags);
}

/**
 * The validator every ingest path uses (SDK batches, Segment calls, manual events, WeChat pushes,
 * quarantine replays), adding material tags to what passed, so content tags come the same way for all.
 */
export class MaterialTaggingValidator extends EventValidator {
  constructor(
    definitions: DefinitionCache,
    config: Pick<Config, 'identityTypes' | 'identityPriority' | 'stages'>,
    private readonly materials: MaterialCache,
  ) {
    super(definitions, config);
  }

  override validate(raw: unknown, index: number, ctx: IngestContext): Validation {
    const result = super.validate(raw, index, ctx);
    if (!result.ok) return result;
    const target = (raw as { properties?: { target_id?: unknown } }).properties?.target_id;
    if (typeof target === 'string') result.event.tags = withMaterialTags(result.event.tags, this.materials.tagsOf(target));
    return result;
  }
}
