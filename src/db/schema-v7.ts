/**
 * Version 7: a covering index of the revision fields that listings read (issue #12).
 * A revision row holds its text and word index; its small fields sit on a page of their
 * own per row, so listing 1,000 sources read 1,000 pages. The index holds them in a few.
 */
export const SCHEMA_V7 = `
CREATE INDEX revisions_summary ON revisions(source_id, number, participant_words, interviewer_words, length, lines, hash);
`;
