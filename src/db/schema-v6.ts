/**
 * Version 6: whether a code can be applied (REFI-QDA's `isCodable`: other programs keep
 * folders of codes that are only headings). Every existing code stays codable.
 */
export const SCHEMA_V6 = `
ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1));
`;
