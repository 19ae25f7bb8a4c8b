export { limits } from './limits';
export { identityTypes, identitiesSchema, type Identities, type KnownIdentityType } from './identity';
export {
  customIdPattern,
  presetProperties,
  propertyTypes,
  propertyValueSchema,
  type PresetPropertyId,
  type Properties,
  type PropertyType,
  type PropertyValue,
} from './property';
export { eventBatchSchema, wireEventSchema, type EventBatch, type EventContext, type WireEvent } from './event';
export { rejectionCodes, type IngestResponse, type Rejection, type RejectionCode } from './ingest-response';
export { errorCodes, type ErrorBody, type ErrorCode } from './error-body';
export {
  definitionChangesSchema,
  eventTypes,
  newDefinitionGroupSchema,
  newDefinitionSchema,
  propertyDefinitionSchema,
  type DefinitionChanges,
  type DefinitionGroup,
  type DefinitionImportProblem,
  type EventDefinition,
  type EventType,
  type NewDefinition,
  type PropertyDefinition,
} from './definition';
