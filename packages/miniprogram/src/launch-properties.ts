import type { TrackProperties } from '@eventline/core';
import type { LaunchOptions } from './mini-program-api';

/**
 * The `mp_launch` properties the collector defines: scene (number), path and query (text). The query
 * object becomes a URL query string so one text property keeps every parameter.
 */
export function launchProperties({ scene, path, query }: LaunchOptions): TrackProperties {
  const properties: TrackProperties = {};
  // Alipay gives the scene as a string of digits.
  if (scene !== undefined && scene !== '' && Number.isFinite(Number(scene))) properties.scene = Number(scene);
  if (typeof path === 'string') properties.path = path;
  if (query && Object.keys(query).length > 0) {
    properties.query = Object.entries(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v ?? ''))}`)
      .join('&');
  }
  return properties;
}
