import { z } from 'zod';

/** A property value on the wire. `null` means "not set". datetime properties are ISO-8601 strings. */
export type PropertyValue = string | number | boolean | null;

export type Properties = Record<string, PropertyValue>;

export const propertyTypes = ['text', 'number', 'boolean', 'datetime'] as const;
export type PropertyType = (typeof propertyTypes)[number];

/**
 * Properties every event may carry without its definition naming them (the DM Hub "preset event
 * properties"). All of them are text.
 */
export const presetProperties = {
  channel: 'text',
  url: 'text',
  title: 'text',
  referrer: 'text',
  utm_source: 'text',
  utm_medium: 'text',
  utm_campaign: 'text',
  utm_term: 'text',
  utm_content: 'text',
  target_id: 'text',
  target_name: 'text',
  campaign: 'text',
} as const satisfies Record<string, PropertyType>;

export type PresetPropertyId = keyof typeof presetProperties;

/** Ids of custom events and custom properties. */
export const customIdPattern = /^cl_[a-z0-9_]+$/;

export const propertyValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]) satisfies z.ZodType<PropertyValue>;
