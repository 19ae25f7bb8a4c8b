import { limits } from '@eventline/protocol';
import type { Enricher } from '../recorder/create-recorder';
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
 * The recorder's enrichment step for content tags: every path that records events (SDK batches,
 * Segment calls, manual events, WeChat pushes, quarantine replays) gets material tags the same way.
 */
export function materialTagging(materials: Pick<MaterialCache, 'tagsOf'>): Enricher {
  return (event, raw) => {
    const target = (raw.properties as { target_id?: unknown } | undefined)?.target_id;
    if (typeof target !== 'string') return event;
    const tags = withMaterialTags(event.tags, materials.tagsOf(target));
    return tags === event.tags ? event : { ...event, tags };
  };
}
