// timezone-support ships its types beside dist/lookup-convert.js, where a
// package "exports" path without a "types" condition does not lead TypeScript.
// What the calendar uses of it, as that file declares it.
declare module 'timezone-support/lookup-convert' {
  export interface TimeZoneInfo {
    readonly name: string;
  }
  export interface Time {
    year: number;
    month: number;
    day: number;
    hours: number;
    minutes: number;
    seconds?: number;
    milliseconds?: number;
    zone?: { abbreviation?: string; offset: number };
  }
  export function populateTimeZones(data: {
    readonly zones: readonly string[];
    readonly links: readonly string[];
  }): void;
  export function findTimeZone(name: string): TimeZoneInfo;
  export function getZonedTime(date: Date | number, timeZone: TimeZoneInfo): Time;
  export function getUnixTime(time: Time, timeZone?: TimeZoneInfo): number;
}

// The whole database, which only the tests read (to hold the calendar's extract to it).
declare module 'timezone-support/data' {
  const data: {
    readonly version: string;
    readonly zones: readonly string[];
    readonly links: readonly string[];
  };
  export default data;
}
