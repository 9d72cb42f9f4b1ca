export * from './enums.js';
export * from './regions.js';
export * from './people.js';
export * from './claims.js';
export * from './messaging.js';
export * from './moderation.js';
export * from './groups.js';
export * from './links.js';
