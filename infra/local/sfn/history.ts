// History events on the wire: timestamps as epoch seconds, and without the
// payloads when GetExecutionHistory is asked for includeExecutionData=false.

import type { HistoryEvent } from './execution-record.ts';
import { isJsonObject, type JsonObject } from './json.ts';

const dataFields = new Set(['input', 'output', 'parameters', 'assignedVariables']);

/** The GetExecutionHistory shape of one stored event. */
export function toWireEvent(event: HistoryEvent, includeData: boolean): JsonObject {
  const wire: JsonObject = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'timestamp') wire.timestamp = event.timestamp / 1000;
    else if (!includeData && key.endsWith('EventDetails') && isJsonObject(value)) {
      wire[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !dataFields.has(field)));
    } else wire[key] = value;
  }
  return wire;
}
