/** The two clouds the rules know (structurally the same as `Cloud` in lib/review/types.ts). */
export type Cloud = 'aws' | 'azure';
